using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;
using FunAsr.Recognizer.Tests.Onnx;

namespace FunAsr.Recognizer.Tests;

public sealed class TranscriberTests
{
    // The tone fixtures pin the model and decoder path; VAD segmentation has its own tests.
    private static Transcriber Create(TranscriberOptions? options = null) =>
        Transcriber.Create((options ?? new TranscriberOptions()) with
        {
            ModelDirectory = TinyModel.Directory, Device = "cpu", IntraOpThreads = 1, Vad = new VadOptions { Method = "off" },
        });

    [Fact]
    public void Features_of_different_lengths_batched_together_decode_as_they_do_alone()
    {
        using var batched = Create(new TranscriberOptions { BatchSize = 3 });
        using var single = Create(new TranscriberOptions { BatchSize = 1 });
        float[][] inputs =
        [
            TinyModel.Features("你", "好"),
            TinyModel.Features(null, "▁order", "▁order", null, "▁num", "ber", null, "▁one", "▁two"),
            TinyModel.Features("谢", null, "谢"),
            TinyModel.Features((string?)null),
        ];

        var a = batched.Decoders.For(null).Recognize(inputs, default);
        var b = single.Decoders.For(null).Recognize(inputs, default);

        Assert.Equal(["你好", "order number one two", "谢谢", ""], a.Select(u => u.Text));
        Assert.Equal(a.Select(u => u.Text), b.Select(u => u.Text));
        Assert.Equal(a.Select(u => u.Tokens.Count), b.Select(u => u.Tokens.Count));
    }

    [Fact]
    public async Task Tones_are_recognised_end_to_end_through_fbank_lfr_cmvn_and_the_real_runtime()
    {
        using var transcriber = Create();
        var clip = AudioClip.FromSamples([TinyModel.Tones("你", "好", "▁order", "▁num", "ber")], 16000);

        var transcript = await transcriber.TranscribeAsync(clip);

        Assert.Equal("你好 order number", transcript.RawText);
        Assert.Equal(transcript.RawText, transcript.Text);
        Assert.Equal(("zh", "cpu", "test-tiny", 1), (transcript.Language, transcript.Device, transcript.ModelId, transcript.Channels));
        var segment = Assert.Single(transcript.Segments);
        Assert.Equal(("NEUTRAL", "Speech"), (segment.Emotion, segment.Event));
        Assert.Equal(["你", "好", "order", "num", "ber"], segment.Tokens.Select(t => t.Text));
        var expectedOnsets = new[] { 0.2, 0.7, 1.2, 1.7, 2.2 };
        foreach (var (token, onset) in segment.Tokens.Zip(expectedOnsets))
        {
            Assert.InRange(token.Start.TotalSeconds, onset - 0.09, onset + 0.09);
        }
    }

    [Fact]
    public async Task Each_channel_of_a_stereo_call_becomes_its_own_segment()
    {
        using var transcriber = Create(new TranscriberOptions { Language = "en" });
        var agent = TinyModel.Tones("▁hello", "▁one");
        var customer = TinyModel.Tones("▁order", "▁two", "谢");
        Array.Resize(ref agent, customer.Length);
        var clip = AudioClip.FromSamples([agent, customer], 16000, "call.wav");

        var transcript = await transcriber.TranscribeAsync(clip);

        Assert.Equal([(0, "hello one"), (1, "order two谢")], transcript.Segments.Select(s => (s.Channel, s.RawText)));
        Assert.Equal(("en", "call.wav", 2), (transcript.Language, transcript.SourcePath, transcript.Channels));
    }

    [Fact]
    public async Task Audio_longer_than_the_segment_limit_is_cut_in_silence_without_losing_tokens()
    {
        // Without VAD, the segment limit alone cuts the channel (with VAD, VadOptions.MaxSegment does; see SpeechSegmenterTests).
        using var transcriber = Create(new TranscriberOptions { MaxSegmentDuration = TimeSpan.FromSeconds(1.2) });
        var clip = AudioClip.FromSamples([TinyModel.Tones("你", "好", "订", "单", "号", "谢")], 16000);

        var transcript = await transcriber.TranscribeAsync(clip);

        Assert.True(transcript.Segments.Count >= 3, $"expected the 3.2 s clip in at least 3 segments, got {transcript.Segments.Count}");
        Assert.Equal("你好订单号谢", string.Concat(transcript.Segments.Select(s => s.RawText)));
        Assert.All(transcript.Segments, s => Assert.True(s.End - s.Start <= TimeSpan.FromSeconds(1.2)));
        Assert.Equal(transcript.Segments.OrderBy(s => s.Start).Select(s => s.Start), transcript.Segments.Select(s => s.Start));
    }

    [Fact]
    public async Task Batch_transcription_keeps_the_input_order()
    {
        using var transcriber = Create(new TranscriberOptions { BatchSize = 4 });
        AudioClip[] clips =
        [
            AudioClip.FromSamples([TinyModel.Tones("▁one", "▁two", "▁one")], 16000),
            AudioClip.FromSamples([TinyModel.Tones("号")], 16000),
            AudioClip.FromSamples([new float[8000]], 16000),
        ];

        var transcripts = await transcriber.TranscribeBatchAsync(clips);

        Assert.Equal(["one two one", "号", ""], transcripts.Select(t => t.RawText));
        Assert.Empty(transcripts[2].Segments);
    }

    [Fact]
    public async Task With_itn_on_the_written_form_and_spans_come_from_the_inverse_normalizer()
    {
        using var transcriber = Create(new TranscriberOptions { Itn = ItnOptions.Default, Language = "en" });
        var clip = AudioClip.FromSamples([TinyModel.Tones("▁order", "▁num", "ber", "▁one", "▁two")], 16000);

        var segment = Assert.Single((await transcriber.TranscribeAsync(clip)).Segments);

        var expected = InverseNormalizer.Create(ItnOptions.Default).Normalize("order number one two", "en");
        Assert.Equal("order number one two", segment.RawText);
        Assert.Equal(expected.Written, segment.Text);
        Assert.Equal(expected.Spans, segment.ItnSpans);
    }

    [Fact]
    public void An_unknown_language_names_the_setting_and_the_known_values()
    {
        var error = Assert.Throws<ArgumentException>(() => Create(new TranscriberOptions { Language = "fr" }));

        Assert.Contains("TranscriberOptions.Language 'fr' is not known", error.Message);
        Assert.Contains("zh, en", error.Message);
    }

    [Fact]
    public void A_missing_model_directory_is_a_model_load_error()
    {
        var error = Assert.Throws<ModelLoadException>(() => Transcriber.Create(new TranscriberOptions { ModelDirectory = "/no/model/here" }));

        Assert.StartsWith("/no/model/here: model directory does not exist", error.Message);
    }

    [Fact]
    public void Auto_device_runs_on_cpu_here_and_says_why()
    {
        var logger = new CollectingLogger();

        using var transcriber = Transcriber.Create(new TranscriberOptions { ModelDirectory = TinyModel.Directory }, logger);

        Assert.Equal(("cpu", 0), (transcriber.Device, transcriber.CpuFallbacks));
        Assert.Contains(logger.Lines, l => l.Contains("on cpu because "));
    }

    [Fact]
    public void Cuda_when_unavailable_is_a_clear_error()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => Transcriber.Create(new TranscriberOptions { ModelDirectory = TinyModel.Directory, Device = "cuda" }));

        Assert.StartsWith("Device 'cuda:0' was requested", error.Message);
    }

    [Fact]
    public void Plan_chunks_cuts_at_the_quietest_point_within_the_limit()
    {
        var samples = new float[16000 * 5];
        Array.Fill(samples, 0.5f);
        samples.AsSpan(16000 * 2, 1600).Clear();

        var chunks = Segmentation.ChunkPlanner.Plan(samples, 16000, TimeSpan.FromSeconds(3));

        Assert.Equal(2, chunks.Count);
        Assert.InRange(chunks[0].Length, 16000 * 2, 16000 * 2 + 1600);
        Assert.Equal(samples.Length, chunks.Sum(c => c.Length));
    }
}
