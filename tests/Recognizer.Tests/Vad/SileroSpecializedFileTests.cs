using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Recognizer.Tests.Vad;

public sealed class SileroSpecializedFileTests : IDisposable
{
    private static readonly string s_original = RepoPaths.Of("models", "silero-vad", "silero_vad.onnx");
    private static readonly string s_specialized = RepoPaths.Of("models", "silero-vad", "silero_vad_16k.onnx");
    private readonly ScratchAudio _scratch = new();

    [Theory]
    [InlineData("samples/call-en-order.wav")]
    [InlineData("samples/call-zh-refund.wav")]
    [InlineData("tests/testdata/audio/en-noisy-8k.wav")]
    public void The_16k_file_scoring_windows_in_runs_matches_the_original_one_window_at_a_time(string file)
    {
        var channels = Read16k(RepoPaths.Of(file.Split('/')));
        var (window, count) = (SileroVadModel.Window, channels[0].Length / SileroVadModel.Window);
        var windows = new float[count * channels.Length * window];
        for (var w = 0; w < count; w++)
        {
            for (var ch = 0; ch < channels.Length; ch++)
            {
                channels[ch].AsSpan(w * window, window).CopyTo(windows.AsSpan((w * channels.Length + ch) * window));
            }
        }

        using var original = SileroVadModel.Open(s_original, null);
        using var specialized = SileroVadModel.Open(s_specialized, null);
        using var originalStream = original.OpenStream(channels.Length);
        using var specializedStream = specialized.OpenStream(channels.Length);
        var expected = new float[count * channels.Length];
        var actual = new float[count * channels.Length];
        for (var w = 0; w < count; w++)
        {
            originalStream.Score(windows.AsSpan(w * channels.Length * window, channels.Length * window), expected.AsSpan(w * channels.Length, channels.Length));
        }

        // Runs of uneven sizes, one longer than a run can take, so every batch size and the split are exercised.
        int[] runs = [1, 7, SileroVadStream.WindowsPerRun, 2 * SileroVadStream.WindowsPerRun + 5, 3];
        for (int w = 0, r = 0; w < count; r++)
        {
            var n = Math.Min(runs[r % runs.Length], count - w);
            specializedStream.Score(windows.AsSpan(w * channels.Length * window, n * channels.Length * window), actual.AsSpan(w * channels.Length, n * channels.Length));
            w += n;
        }

        // The same arithmetic in another order: the convolutions as products over the whole run, and the STFT by an
        // FFT (SileroSpectrum) instead of a product with the windowed DFT's matrix. The network scales each magnitude
        // by 2^20 before log(1 + x), so the ~1e-6 by which the two STFTs round a near-silent bin moves the features
        // visibly: measured up to 1.2e-3 apart on these files (7e-7 with the DFT's product), the speech found the same
        // (below, and the 66 generated calls in bench/results/2026-12-08-silero-fft.md).
        var worst = Enumerable.Range(0, expected.Length).MaxBy(i => Math.Abs(expected[i] - actual[i]));
        Assert.True(Math.Abs(expected[worst] - actual[worst]) <= 5e-3f,
            $"window {worst / channels.Length}, channel {worst % channels.Length}: {expected[worst]} against {actual[worst]}");
        Assert.True(count > 50, $"only {count} windows");
        Assert.False(specialized.TakesSampleRate);
        Assert.True(specialized.ScoresWindowSequences);
        Assert.Equal(original.Name, specialized.Name);
    }

    [Theory]
    [InlineData("samples/call-en-order.wav")]
    [InlineData("samples/call-zh-refund.wav")]
    [InlineData("tests/testdata/audio/en-noisy-8k.wav")]
    public void The_16k_file_finds_the_same_speech_as_the_original(string file)
    {
        var alone = _scratch.PathOf("silero_vad.onnx");
        File.Copy(s_original, alone);
        var path = RepoPaths.Of(file.Split('/'));
        using var original = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = alone }, NullLogger.Instance);
        using var specialized = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = s_original }, NullLogger.Instance);

        var expected = original.DetectFile(path).Speech;
        var actual = specialized.DetectFile(path).Speech;

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_detector_opens_the_16k_file_beside_the_original()
    {
        var logger = new CollectingLogger();

        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = s_original }, logger);

        Assert.Equal("silero-v4", vad.Method);
        Assert.Contains(logger.Lines, line => line.Contains(s_specialized, StringComparison.Ordinal));
        Assert.DoesNotContain(logger.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public void A_16k_file_made_from_another_file_is_ignored_and_the_log_says_why()
    {
        // The same network with a doc string appended (protobuf field 6 of ModelProto): a different file, still valid.
        var source = _scratch.PathOf("silero_vad.onnx");
        File.WriteAllBytes(source, [.. File.ReadAllBytes(s_original), 0x32, 0x01, (byte)'x']);
        File.Copy(s_specialized, _scratch.PathOf("silero_vad_16k.onnx"));
        var logger = new CollectingLogger();

        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = source }, logger);

        var warning = Assert.Single(logger.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(_scratch.PathOf("silero_vad_16k.onnx"), warning);
        Assert.Contains("sha256", warning);
        Assert.Contains("tools/specialize-silero-vad.py", warning);
        Assert.Contains(logger.Lines, line => line.StartsWith("Information", StringComparison.Ordinal) && line.EndsWith($"from {source}.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_16k_file_made_by_the_older_script_is_ignored_and_the_log_says_why()
    {
        // The older script wrote no layout key: rename it in place (same length, so the protobuf stays valid).
        var source = _scratch.PathOf("silero_vad.onnx");
        File.Copy(s_original, source);
        var bytes = File.ReadAllBytes(s_specialized);
        var key = System.Text.Encoding.ASCII.GetBytes(SileroSpecializedFile.LayoutKey);
        var at = bytes.AsSpan().IndexOf(key);
        Assert.True(at >= 0, "the layout key is in the file");
        bytes[at + key.Length - 1] = (byte)'X';
        File.WriteAllBytes(_scratch.PathOf("silero_vad_16k.onnx"), bytes);
        var logger = new CollectingLogger();

        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = source }, logger);

        var warning = Assert.Single(logger.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(SileroSpecializedFile.LayoutKey, warning);
        Assert.Contains("older tools/specialize-silero-vad.py", warning);
        Assert.Contains(logger.Lines, line => line.EndsWith($"from {source}.", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unreadable_16k_file_is_ignored_and_the_original_runs()
    {
        var source = _scratch.PathOf("silero_vad.onnx");
        File.Copy(s_original, source);
        File.WriteAllText(_scratch.PathOf("silero_vad_16k.onnx"), "not a model");
        var logger = new CollectingLogger();

        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = source }, logger);

        var warning = Assert.Single(logger.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
        Assert.Contains(_scratch.PathOf("silero_vad_16k.onnx"), warning);
        Assert.Equal("silero-v4", vad.Method);
        Assert.Contains(logger.Lines, line => line.EndsWith($"from {source}.", StringComparison.Ordinal));
    }

    /// <summary>Every channel of <paramref name="path"/> at 16 kHz, as the detector reads it.</summary>
    private static float[][] Read16k(string path)
    {
        using var audio = AudioStream.Open(path, SileroVadModel.SampleRateHz);
        var block = Enumerable.Range(0, audio.ChannelCount).Select(_ => new float[SileroVadModel.SampleRateHz]).ToArray();
        var channels = Enumerable.Range(0, audio.ChannelCount).Select(_ => new List<float>()).ToArray();
        int frames;
        while ((frames = audio.Read(block, SileroVadModel.SampleRateHz)) > 0)
        {
            for (var ch = 0; ch < channels.Length; ch++)
            {
                channels[ch].AddRange(block[ch].AsSpan(0, frames));
            }
        }

        return channels.Select(c => c.ToArray()).ToArray();
    }

    public void Dispose() => _scratch.Dispose();
}
