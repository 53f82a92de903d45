using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// <c>transcribe</c> run from a folder outside the repository finds the rule pack as it finds the model (the bundled
/// <c>rules/</c> beside the application, unless <c>FUNASR_RULES_DIR</c> or <c>--rules</c> says otherwise) and names on
/// stderr the one it used, or that none is used.
/// </summary>
public sealed class RulePackResolutionTests
{
    private static readonly string Recording = RepoPaths.Of("samples", "voicemail-zh.wav");

    [Fact]
    public async Task From_another_working_directory_the_bundled_pack_is_found_and_named()
    {
        var stderr = await TranscribeAsync(null);

        Assert.Contains($"rules: {RepoPaths.Of("rules")} (bundled, ", stderr);
    }

    [Fact]
    public async Task The_environment_variable_wins_over_the_bundled_pack()
    {
        var rules = Directory.CreateDirectory(Path.Combine(SpeechFixtures.TempDirectory(), "my-rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "r.yaml"), "rules:\n  - id: n\n    match: \"%{INT:n}\"\n");

        var stderr = await TranscribeAsync(new Dictionary<string, string> { ["FUNASR_RULES_DIR"] = rules });

        Assert.Contains($"rules: {rules} (FUNASR_RULES_DIR, 1 rules, version ", stderr);
    }

    [Fact]
    public async Task No_rules_says_so()
    {
        var stderr = await TranscribeAsync(null, "--no-rules");

        Assert.Contains("rules: none (--no-rules)", stderr);
    }

    private static async Task<string> TranscribeAsync(IReadOnlyDictionary<string, string>? environment, params string[] extra)
    {
        var elsewhere = SpeechFixtures.TempDirectory();
        using var process = HostProcess.Start(elsewhere, environment,
            ["transcribe", Recording, "--model", SpeechFixtures.ModelDirectory, "--device", "cpu", "--vad", "energy", .. extra]);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        Assert.True(code == 0, process.Output);
        Assert.Single(process.Output.Split('\n'), l => l.StartsWith("rules: ", StringComparison.Ordinal));
        return process.Output;
    }
}
