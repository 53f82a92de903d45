using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using FunAsr.Tests.Support;

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
    public void The_16k_file_scores_every_window_bit_identically_to_the_original(string file)
    {
        var channels = Read16k(RepoPaths.Of(file.Split('/')));
        using var original = SileroVadModel.Open(s_original, null);
        using var specialized = SileroVadModel.Open(s_specialized, null);
        using var originalStream = original.OpenStream(channels.Length);
        using var specializedStream = specialized.OpenStream(channels.Length);
        var windows = new float[channels.Length * SileroVadModel.Window];
        float[] expected = new float[channels.Length], actual = new float[channels.Length];

        var scored = 0;
        for (var offset = 0; offset + SileroVadModel.Window <= channels[0].Length; offset += SileroVadModel.Window, scored++)
        {
            for (var ch = 0; ch < channels.Length; ch++)
            {
                channels[ch].AsSpan(offset, SileroVadModel.Window).CopyTo(windows.AsSpan(ch * SileroVadModel.Window));
            }

            originalStream.Score(windows, expected);
            specializedStream.Score(windows, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"window {scored}: {string.Join(", ", expected)} against {string.Join(", ", actual)}");
        }

        Assert.True(scored > 50, $"only {scored} windows");
        Assert.False(specialized.TakesSampleRate);
        Assert.Equal(original.Name, specialized.Name);
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
