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

    [Theory]
    [InlineData("ingest")]
    [InlineData("run")]
    public async Task A_data_folder_that_cannot_be_written_is_one_line_naming_it_and_exit_code_2(string command)
    {
        var root = SpeechFixtures.TempDirectory();
        Directory.CreateDirectory(Path.Combine(root, "inbox"));
        var notAFolder = Path.Combine(root, "plain-file");
        File.WriteAllText(notAFolder, "");   // tests run as root here, so a folder under a file stands in for one without permission
        var data = Path.Combine(notAFolder, "data");
        var environment = new Dictionary<string, string> { ["FUNASR_DATA_DIR"] = data, ["FUNASR_MODEL_DIR"] = SpeechFixtures.ModelDirectory };
        string[] args = command == "ingest" ? ["ingest", Path.Combine(root, "inbox"), "--once"] : ["run"];
        using var host = HostProcess.Start(root, environment, args);

        var code = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(code == 2, host.Output);
        var error = Assert.Single(host.Output.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: data folder {data} is not writable", error);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_runs_when_the_configuration_enables_the_api_without_keys_and_run_refuses()
    {
        var root = SpeechFixtures.TempDirectory();
        var config = Path.Combine(root, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"data_dir: {root}/data\napi:\n  enabled: true\n");

        using var status = HostProcess.Start(root, null, "status", "--config", config);
        using var run = HostProcess.Start(root, null, "run", "--config", config);

        Assert.True(await status.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 0, status.Output);
        Assert.Contains("No ledger yet", status.Output);
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromMinutes(2)) == 2, run.Output);
        Assert.Contains("api.keys", run.Output);
    }
}
