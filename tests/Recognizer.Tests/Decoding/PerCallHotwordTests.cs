using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Decoding;

/// <summary>
/// Hotwords passed with one transcription (<see cref="TranscriptionRequest.Hotwords"/>), on the tiny model: a short tone
/// of 号 with a softer tone of 单 mixed in is heard as 号 (订号号), and the hotword 订单号 tips it to 单.
/// </summary>
public sealed class PerCallHotwordTests
{
    // The tiny model's scores are flat (a few nats apart), so a small bonus tips the close call and nothing else.
    private static readonly HotwordOptions OrderNumber = new() { Phrases = [new Hotword("订单号", Origin: "request")], ScorePerToken = 1f };

    private static Transcriber Create(HotwordOptions? deployment = null) =>
        Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = TinyModel.Directory, Device = "cpu", IntraOpThreads = 1, Hotwords = deployment,
            Vad = new VadOptions { Method = "off" },
        });

    /// <summary>Tones 订, 50 ms of 号 (0.3) with a softer 单 (0.2) mixed in (one model frame), and 号.</summary>
    private static AudioClip CloseCall()
    {
        const double mixedSeconds = 0.05, softer = 0.2;
        var first = TinyModel.Tones("订");
        var last = TinyModel.Tones("号");
        var mixed = new float[(int)(mixedSeconds * 16000)];
        for (var i = 0; i < mixed.Length; i++)
        {
            mixed[i] = (float)((0.3 * Math.Sin(2 * Math.PI * TinyModel.ToneHz["号"] * i / 16000)) + (softer * Math.Sin(2 * Math.PI * TinyModel.ToneHz["单"] * i / 16000)));
        }

        return AudioClip.FromSamples([[.. first, .. mixed, .. last]], 16000);
    }

    [Fact]
    public async Task Per_call_hotwords_change_the_transcript_as_deployment_hotwords_do()
    {
        using var plain = Create();
        using var deployment = Create(OrderNumber);

        var unbiased = await plain.TranscribeAsync(CloseCall());
        var perCall = await plain.TranscribeAsync(CloseCall(), new TranscriptionRequest { Hotwords = OrderNumber });
        var deploymentWide = await deployment.TranscribeAsync(CloseCall());

        Assert.Equal("订号号", unbiased.RawText);
        Assert.Equal("订单号", perCall.RawText);
        Assert.Equal(deploymentWide.RawText, perCall.RawText);
        Assert.Equal(deploymentWide.Segments.SelectMany(s => s.Tokens), perCall.Segments.SelectMany(s => s.Tokens));
    }

    [Fact]
    public async Task A_call_without_per_call_hotwords_decodes_as_before_and_lists_are_built_once()
    {
        using var transcriber = Create();

        var before = await transcriber.TranscribeAsync(CloseCall());
        var empty = await transcriber.TranscribeAsync(CloseCall(), new TranscriptionRequest { Hotwords = new HotwordOptions() });
        var biased = await transcriber.TranscribeAsync(CloseCall(), new TranscriptionRequest { Hotwords = OrderNumber });
        var again = await transcriber.TranscribeAsync(CloseCall(), new TranscriptionRequest { Hotwords = OrderNumber with { Phrases = [new Hotword("订单号", Origin: "inbox.txt:1")] } });
        var after = await transcriber.TranscribeAsync(CloseCall());

        Assert.Equal(before.RawText, empty.RawText);
        Assert.Equal(before.RawText, after.RawText);
        Assert.Equal("订单号", biased.RawText);
        Assert.Equal(biased.RawText, again.RawText);
        Assert.Equal(1, transcriber.Decoders.CachedHotwordListCount);
    }

    [Fact]
    public async Task Per_call_hotwords_extend_the_deployment_list()
    {
        // The deployment favours a phrase that does not occur; the request adds the one that does.
        using var transcriber = Create(new HotwordOptions { Phrases = [new Hotword("你好")], ScorePerToken = 1f });

        Assert.Equal("订号号", (await transcriber.TranscribeAsync(CloseCall())).RawText);
        Assert.Equal("订单号", (await transcriber.TranscribeAsync(CloseCall(), new TranscriptionRequest { Hotwords = OrderNumber })).RawText);
    }

    [Fact]
    public void Extending_keeps_each_lists_scores_and_the_wider_beam()
    {
        var deployment = new HotwordOptions { Phrases = [new Hotword("你好"), new Hotword("谢谢", 5f)], ScorePerToken = 1.5f, BeamSize = 12 };
        var request = new HotwordOptions { Phrases = [new Hotword("订单号")], ScorePerToken = 2f, BeamSize = 8 };

        var merged = deployment.Extend(request);

        Assert.Equal([("你好", 1.5f), ("谢谢", 5f), ("订单号", 2f)], merged.Phrases.Select(p => (p.Phrase, p.Score!.Value)));
        Assert.Equal(12, merged.BeamSize);
    }
}
