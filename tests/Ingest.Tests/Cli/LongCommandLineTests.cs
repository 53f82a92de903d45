using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// ONNX Runtime's telemetry runs a recursive regex over the process command line while creating its environment and
/// overflowed the stack above ~25 KB of arguments; the binding switches telemetry off first. This runs the real
/// executable (the command line of the test host itself is short) with ~40 KB of file arguments.
/// </summary>
public sealed class LongCommandLineTests : IDisposable
{
    private readonly string _dir = SpeechFixtures.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Transcribe_with_hundreds_of_long_file_arguments_starts_and_transcribes_them_all()
    {
        var tone = Path.Combine(_dir, "tone.wav");
        SpeechFixtures.Run("sox", "-D", "-n", "-r", "16000", "-b", "16", tone, "synth", "0.3", "sine", "325.6", "vol", "0.3", "pad", "0.2", "0.2");
        // The same file under 400 different spellings (dir/./././…/tone.wav), ~100 characters each.
        var padded = Path.Combine(_dir, string.Concat(Enumerable.Repeat("./", 40)), "tone.wav");
        const int Count = 400;
        string[] args = ["transcribe", "--model", SpeechFixtures.ModelDirectory, "--vad", "off", "--format", "text", .. Enumerable.Repeat(padded, Count)];

        using var host = HostProcess.Start(_dir, new Dictionary<string, string> { ["ORT_DISABLE_TELEMETRY"] = "" /* as if unset */ }, args);
        var code = await host.WaitForExitAsync(TimeSpan.FromMinutes(5));

        Assert.True(code == 0, host.Output);
        Assert.Equal(Count, host.Output.Split('\n').Count(line => line.Contains("你")));
    }
}
