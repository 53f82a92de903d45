using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using FunAsr.Recognizer.Vad.Fsmn;

namespace FunAsr.Recognizer.Tests.FunAsrFamily;

public sealed class FsmnVadTests
{
    private static readonly VadOptions Fsmn = new() { Method = "fsmn", ModelPath = TinyFunAsr.Folder("fsmn-vad") };

    [Fact]
    public void Streaming_blocks_through_the_model_and_the_endpointer_give_the_torch_golden_segments()
    {
        var golden = TinyFunAsr.Golden("fsmn-vad.json");
        var noise = TinyFunAsr.GoldenFloats("fsmn-noise.f32");
        var levels = golden["plan"]!.AsArray().SelectMany(p => Enumerable.Repeat((float)(int)p![0]!, (int)p[1]!)).ToArray();
        using var model = FsmnVadModel.Open(TinyFunAsr.Folder("fsmn-vad"), null);
        var endpointer = new FsmnEndpointer(model.Settings);
        var caches = model.NewCaches();
        var block = (int)golden["block"]!;
        var features = new float[block * FsmnVadModel.Dimension];
        var silence = new float[block];
        var segments = new List<int[]>();

        for (var start = 0; start < levels.Length; start += block)
        {
            var frames = Math.Min(block, levels.Length - start);
            for (var t = 0; t < frames; t++)
            {
                for (var d = 0; d < FsmnVadModel.Dimension; d++)
                {
                    features[t * FsmnVadModel.Dimension + d] = levels[start + t] + noise[(start + t) % 37 * FsmnVadModel.Dimension + d];
                }
            }

            model.Run(features, frames, caches, silence);
            for (var t = 0; t < frames; t++)
            {
                if (endpointer.Push(silence[t], start + t == levels.Length - 1) is var (s, e))
                {
                    segments.Add([s, e]);
                }
            }
        }

        var expected = golden["segments"]!.AsArray().Select(s => s!.AsArray().Select(v => (int)v!).ToArray()).ToArray();
        Assert.Equal(expected, segments);
        Assert.Contains(segments, s => s[1] - s[0] == 60010); // cut once a segment exceeds max_single_segment_time
    }

    [Fact]
    public async Task Transcribe_with_fsmn_vad_cuts_a_recording_into_its_loud_stretches()
    {
        using var transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = TinyFunAsr.Folder("paraformer"), Device = "cpu", IntraOpThreads = 1, Vad = Fsmn,
        });
        var clip = AudioClip.FromSamples([Stretches((0, 1.0), (0.3, 2.0), (0, 1.5), (0.3, 1.2), (0, 1.0))], 16000);

        var transcript = await transcriber.TranscribeAsync(clip);

        Assert.Equal("fsmn", transcript.VadMethod);
        Assert.Equal(2, transcript.Segments.Count);
        Assert.InRange(transcript.Segments[0].Start.TotalSeconds, 0.7, 1.0);
        Assert.InRange(transcript.Segments[1].Start.TotalSeconds, 4.2, 4.5);
        Assert.All(transcript.Segments, s => Assert.NotEmpty(s.RawText));
    }

    [Fact]
    public void Read_block_size_does_not_change_the_segments_and_memory_stays_bounded_on_a_long_call()
    {
        using var detector = VoiceActivityDetector.Create(Fsmn, new CollectingLogger());
        var parts = Enumerable.Range(0, 60).SelectMany(i => new[] { (0.0, 1.3 + i % 3 * 0.4), (0.25, 2.0 + i % 5 * 0.5) }).ToArray();
        var samples = Stretches(parts);

        var (small, smallCapacity) = Detect(detector, samples, 1234);
        var (large, _) = Detect(detector, samples, 16000);

        Assert.Equal(60, small.Count);
        Assert.Equal(small, large);
        Assert.True(smallCapacity <= 16000 * 8, $"buffer grew to {smallCapacity} samples");
    }

    [Fact]
    public void A_folder_without_am_mvn_says_so()
    {
        var dir = CopyOf("fsmn-vad");
        File.Delete(Path.Combine(dir, "am.mvn"));

        var error = Assert.Throws<ModelLoadException>(() => FsmnVadModel.Open(dir, null));

        Assert.Equal($"{dir}: an FSMN-VAD folder needs am.mvn (its CMVN statistics) beside the model file.", error.Message);
    }

    [Fact]
    public void Caches_of_another_shape_than_the_config_says_are_named()
    {
        var dir = CopyOf("fsmn-vad");
        File.WriteAllText(Path.Combine(dir, "config.yaml"), File.ReadAllText(Path.Combine(dir, "config.yaml")).Replace("proj_dim: 128", "proj_dim: 64"));

        var error = Assert.Throws<ModelLoadException>(() => FsmnVadModel.Open(dir, null));

        Assert.StartsWith($"{Path.Combine(dir, "model.onnx")}: input in_cache0 float[1,128,19,1] does not have the cache shape [1,64,19,1]", error.Message);
    }

    [Fact]
    public void Method_fsmn_without_a_folder_says_what_to_set()
    {
        var error = Assert.Throws<ArgumentException>(() => VoiceActivityDetector.Create(new VadOptions { Method = "fsmn" }, new CollectingLogger()));

        Assert.Contains("fsmn needs VadOptions.ModelPath", error.Message);
    }

    private static (List<(int, long, long)> Spans, int Capacity) Detect(VoiceActivityDetector detector, float[] samples, int blockSize)
    {
        var stream = detector.Open(1);
        var spans = new List<(int, long, long)>();
        var capacity = 0;
        var block = new float[blockSize];
        for (var offset = 0; offset < samples.Length; offset += blockSize)
        {
            var n = Math.Min(blockSize, samples.Length - offset);
            samples.AsSpan(offset, n).CopyTo(block);
            spans.AddRange(stream.Push([block], n).Select(c => (c.Channel, c.Span.Start, c.Span.End)));
            capacity = Math.Max(capacity, stream.BufferedCapacity);
        }

        spans.AddRange(stream.Finish().Select(c => (c.Channel, c.Span.Start, c.Span.End)));
        return (spans, capacity);
    }

    /// <summary>Stretches of (amplitude, seconds) of a 440 Hz tone; amplitude 0 is digital silence. Filled in place: a
    /// parallel test measures the process's managed heap.</summary>
    private static float[] Stretches(params (double Level, double Seconds)[] parts)
    {
        var samples = new float[parts.Sum(p => (int)(p.Seconds * 16000))];
        var at = 0;
        foreach (var (level, seconds) in parts)
        {
            var n = (int)(seconds * 16000);
            for (var i = 0; i < n; i++)
            {
                samples[at + i] = (float)(level * Math.Sin(2 * Math.PI * 440 * i / 16000.0));
            }

            at += n;
        }

        return samples;
    }

    private static string CopyOf(string folder)
    {
        var dir = Directory.CreateTempSubdirectory("fsmn-").FullName;
        foreach (var file in Directory.GetFiles(TinyFunAsr.Folder(folder)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }
}
