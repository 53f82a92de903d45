using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// The real executable started with a broken model or a bad configuration: one <c>error:</c> line naming the path or
/// key and exit code 2, never an unhandled exception.
/// </summary>
public sealed class CliErrorsTests
{
    private static readonly string BrokenModel = RepoPaths.Of("models", "test-tiny", "missing-metadata");

    [Theory]
    [InlineData("ingest")]
    [InlineData("run")]
    public async Task A_broken_model_directory_is_one_error_line_and_exit_code_2(string command)
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 1);
        var environment = new Dictionary<string, string> { ["FUNASR_MODEL_DIR"] = BrokenModel, ["FUNASR_DATA_DIR"] = Path.Combine(root, "data") };
        string[] args = command == "ingest" ? ["ingest", Path.Combine(root, "inbox"), "--once"] : ["run"];
        using var host = HostProcess.Start(root, environment, args);

        var code = await host.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(code == 2, host.Output);
        var error = Assert.Single(host.Output.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains(BrokenModel, error);
        Assert.DoesNotContain("Unhandled", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_is_one_error_line_naming_the_file_and_key()
    {
        var root = SpeechFixtures.TempDirectory();
        var config = Path.Combine(root, "funasr-pipeline.yaml");
        File.WriteAllText(config, "recognizer:\n  device: tpu\n");
        using var host = HostProcess.Start(root, null, "run", "--config", config);

        var code = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == 2, host.Output);
        Assert.StartsWith($"error: ", host.Output.TrimStart());
        Assert.Contains($"{config}: recognizer.device: 'tpu'", host.Output);
    }
}
