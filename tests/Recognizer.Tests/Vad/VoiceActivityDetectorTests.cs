using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Tests.Vad;

public sealed class VoiceActivityDetectorTests : IDisposable
{
    private static readonly string s_silero = RepoPaths.Of("models", "silero-vad", "silero_vad.onnx");
    private readonly ScratchAudio _scratch = new();

    private IReadOnlyList<GeneratedTurn> WriteCall(string path) => GeneratedCall.Write(path,
    [
        (0, "good afternoon, how can I help you today", TimeSpan.FromSeconds(0.8)),
        (1, "my order number is four five seven one two nine", TimeSpan.FromSeconds(0.7)),
        (1, "and the refund never arrived", TimeSpan.FromSeconds(1.2)),
        (0, "let me check that for you", TimeSpan.FromSeconds(0.6)),
    ]);

    [Theory]
    [InlineData("silero")]
    [InlineData("energy")]
    public void Finds_each_turn_of_a_stereo_telephony_call_on_its_own_channel(string method)
    {
        var path = _scratch.PathOf("call.wav");
        var turns = WriteCall(path);
        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = method, ModelPath = s_silero }, NullLogger.Instance);

        var spans = vad.Detect(AudioFile.Load(path));

        Assert.Equal(2, spans.Length);
        for (var ch = 0; ch < 2; ch++)
        {
            var expected = turns.Where(t => t.Channel == ch).ToArray();
            Assert.Equal(expected.Length, spans[ch].Count);
            for (var i = 0; i < expected.Length; i++)
            {
                var span = spans[ch][i];
                Assert.InRange(span.SpeechStart - expected[i].StartSample, -3200, 3200);
                Assert.InRange(span.SpeechEnd - expected[i].EndSample, -3200, 3200);
                Assert.True(span.Start <= span.SpeechStart && span.End >= span.SpeechEnd, $"{span} is padded outwards");
            }
        }
    }

    [Theory]
    [InlineData(16000)]
    [InlineData(777)]
    [InlineData(512)]
    [InlineData(40000)]
    public void Silero_spans_do_not_depend_on_how_the_audio_is_cut_into_blocks(int blockFrames)
    {
        var path = _scratch.PathOf("call.wav");
        WriteCall(path);
        var clip = AudioFile.Load(path);
        var channels = Enumerable.Range(0, clip.ChannelCount).Select(c => clip.Channel(c).ToArray()).ToArray();
        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = s_silero }, NullLogger.Instance);
        var whole = vad.Detect(clip).SelectMany((spans, channel) => spans.Select(span => (channel, span))).ToList();

        using var stream = vad.Open(clip.ChannelCount);
        var inBlocks = new List<SpeechChunk>();
        for (var offset = 0; offset < clip.FrameCount; offset += blockFrames)
        {
            var frames = Math.Min(blockFrames, clip.FrameCount - offset);
            inBlocks.AddRange(stream.Push(channels.Select(c => c[offset..(offset + frames)]).ToArray(), frames));
        }

        inBlocks.AddRange(stream.Finish());
        Assert.Equal(whole.Count, inBlocks.Count);
        Assert.Equal(whole.OrderBy(s => s.channel).ThenBy(s => s.span.Start), inBlocks.Select(c => (c.Channel, c.Span)).OrderBy(s => s.Channel).ThenBy(s => s.Span.Start));
        Assert.All(inBlocks, c => Assert.Equal(channels[c.Channel][(int)c.Span.Start..(int)c.Span.End], c.Samples));
    }

    [Fact]
    public void Silero_reports_its_interface_and_scores_speech_above_silence()
    {
        using var model = SileroVadModel.Open(s_silero, null);
        var speech = GeneratedCall.Speak("please hold the line", "en-us", _scratch.Folder);
        using var stream = model.OpenStream(2);
        var window = new float[2 * SileroVadModel.Window];
        var probabilities = new float[2];
        var maxSpeech = 0f;
        var maxSilence = 0f;
        for (var offset = 0; offset + SileroVadModel.Window <= speech.Length; offset += SileroVadModel.Window)
        {
            speech.AsSpan(offset, SileroVadModel.Window).CopyTo(window);
            stream.Score(window, probabilities);
            maxSpeech = Math.Max(maxSpeech, probabilities[0]);
            maxSilence = Math.Max(maxSilence, probabilities[1]);
        }

        Assert.Equal("silero-v4", model.Name);
        Assert.Equal(64, model.StateDim);
        Assert.True(maxSpeech > 0.9f, $"speech scored at most {maxSpeech}");
        Assert.True(maxSilence < 0.1f, $"silence scored up to {maxSilence}");
    }

    [Fact]
    public void Bound_silero_windows_score_as_separate_runs_carrying_the_state_do()
    {
        using var model = SileroVadModel.Open(s_silero, null);
        var speech = GeneratedCall.Speak("your order number is four two seven", "en-us", _scratch.Folder);
        using var stream = model.OpenStream(2);
        var windows = new float[2 * SileroVadModel.Window];
        var bound = new float[2];
        float[] h = new float[2 * 2 * model.StateDim], c = new float[h.Length];
        for (var offset = 0; offset + SileroVadModel.Window <= speech.Length; offset += SileroVadModel.Window)
        {
            // Channel 1 hears the speech reversed, so the two rows of the batch and their states differ.
            speech.AsSpan(offset, SileroVadModel.Window).CopyTo(windows);
            speech.AsSpan(speech.Length - offset - SileroVadModel.Window, SileroVadModel.Window).CopyTo(windows.AsSpan(SileroVadModel.Window));
            windows.AsSpan(SileroVadModel.Window).Reverse();
            stream.Score(windows, bound);

            var memory = OrtMemoryInfo.DefaultInstance;
            long[] stateShape = [2, 2, model.StateDim];
            using var input = OrtValue.CreateTensorValueFromMemory(memory, windows.ToArray().AsMemory(), [2, SileroVadModel.Window]);
            using var rate = OrtValue.CreateTensorValueFromMemory(memory, new long[] { SileroVadModel.SampleRateHz }.AsMemory(), []);
            using var hIn = OrtValue.CreateTensorValueFromMemory(memory, h.AsMemory(), stateShape);
            using var cIn = OrtValue.CreateTensorValueFromMemory(memory, c.AsMemory(), stateShape);
            using var outputs = model.Session.Run([("input", input), ("sr", rate), ("h", hIn), ("c", cIn)], ["output", "hn", "cn"]);
            Assert.Equal(outputs[0].GetTensorDataAsSpan<float>().ToArray(), bound);
            h = outputs[1].GetTensorDataAsSpan<float>().ToArray();
            c = outputs[2].GetTensorDataAsSpan<float>().ToArray();
        }
    }

    [Fact]
    public void A_file_that_is_not_silero_is_refused_with_its_inputs_named()
    {
        var path = RepoPaths.Of("models", "test-tiny", "model.onnx");

        var e = Assert.Throws<ModelLoadException>(() => SileroVadModel.Open(path, null));

        Assert.Contains(path, e.Message);
        Assert.Contains("expected v4 (input, sr, h, c", e.Message);
    }

    [Fact]
    public void Auto_falls_back_to_the_energy_detector_and_says_so_once()
    {
        var logger = new CollectingLogger();
        var missing = Path.Combine(_scratch.Folder, "nowhere", "silero_vad.onnx");

        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { ModelPath = missing }, logger);

        Assert.Equal("energy", vad.Method);
        var line = Assert.Single(logger.Lines);
        Assert.Contains("energy detector", line);
        Assert.Contains(missing, line);
    }

    [Fact]
    public void The_shipped_silero_model_is_found_by_walking_up_from_the_application_folder()
    {
        var found = SileroModelLocator.Locate(null, null, RepoPaths.Of("artifacts", "bin", "some-app", "release"), out _);

        Assert.Equal(RepoPaths.Of("models", "silero-vad", "silero_vad.onnx"), found);
    }

    [Fact]
    public void Silero_required_but_missing_is_an_error_naming_the_path_and_the_fix()
    {
        var missing = _scratch.PathOf("silero_vad.onnx");

        var e = Assert.Throws<FileNotFoundException>(() =>
            VoiceActivityDetector.Create(VadOptions.Default with { Method = "silero", ModelPath = missing }, NullLogger.Instance));

        Assert.Contains(missing, e.Message);
        Assert.Contains("models/silero-vad/", e.Message);
    }

    [Fact]
    public void Streaming_holds_a_bounded_buffer_and_hands_out_the_exact_audio()
    {
        // Ten minutes of one channel: 3 s tone bursts every 5 s, read in 1 s blocks; the energy model keeps it fast.
        using var vad = VoiceActivityDetector.Create(VadOptions.Default with { Method = "energy" }, NullLogger.Instance);
        var stream = vad.Open(1);
        var block = new[] { new float[16000] };
        var chunks = new List<SpeechChunk>();
        long position = 0;
        for (var second = 0; second < 600; second++, position += 16000)
        {
            for (var i = 0; i < 16000; i++)
            {
                block[0][i] = Sample(position + i);
            }

            chunks.AddRange(stream.Push(block, 16000));
        }

        chunks.AddRange(stream.Finish());

        Assert.Equal(120, chunks.Count);
        Assert.True(stream.BufferedCapacity <= 16000 * 8, $"buffer grew to {stream.BufferedCapacity} samples");
        foreach (var chunk in chunks)
        {
            Assert.Equal(chunk.Span.Length, chunk.Samples.Length);
            Assert.Equal(Sample(chunk.Span.Start + 100), chunk.Samples[100]);
        }

        static float Sample(long n) => n % 80000 < 48000 ? 0.3f * MathF.Sin(n * 0.07f) : 0f;
    }

    public void Dispose() => _scratch.Dispose();
}
