using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

public sealed class SearchCommandTests
{
    [Theory]
    [InlineData("search")]
    [InlineData("export")]
    public async Task A_since_age_out_of_range_is_one_error_line_and_exit_code_2(string command)
    {
        var root = SpeechFixtures.TempDirectory();
        var environment = new Dictionary<string, string> { ["FUNASR_DATA_DIR"] = Path.Combine(root, "data") };
        string[] args = command == "search" ? ["search", "refund", "--since", "99999999d"] : ["export", "--format", "csv", "--since", "99999999d"];
        using var process = HostProcess.Start(root, environment, args);

        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(code == 2, process.Output);
        Assert.Contains("error: --since '99999999d': an age must be between 0 and 36500d (100 years)", process.Output);
        Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
    }
}
