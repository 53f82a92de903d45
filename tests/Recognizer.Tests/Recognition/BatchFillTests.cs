using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Recognition;

public sealed class BatchFillTests
{
    [Fact]
    public async Task Each_model_batch_records_its_segments_over_the_batch_size()
    {
        var stereo = AudioClip.FromSamples([TinyModel.Tones("你", "好"), TinyModel.Tones("好", "你")], 16000);

        var fills = await BatchFillsOf(stereo, new VadOptions { Method = "off" }, batchSize: 8);

        // Both channels, one segment each, go to the model in one batch of the 8 it could take.
        Assert.Contains(2.0 / 8, fills);
    }

    [Fact]
    public async Task On_the_cpu_a_short_segment_is_not_padded_to_a_long_one()
    {
        var pieces = Enumerable.Repeat<string[]>(["你", "好", "订", "单"], 4).SelectMany(p => p).ToArray();
        var longTalk = TinyModel.Tones(pieces);
        var shortTalk = new float[longTalk.Length];
        TinyModel.Tones("你").CopyTo(shortTalk, 0);
        var stereo = AudioClip.FromSamples([shortTalk, longTalk], 16000);

        var fills = await BatchFillsOf(stereo, VadOptions.Default with { Method = "energy" }, batchSize: 7);

        // Padded together, the short segment would cost as many frames as the long one. (A batch size no other test
        // uses: the listener hears every transcriber in the process.)
        Assert.Equal([1.0 / 7, 1.0 / 7], fills.Where(f => Enumerable.Range(1, 7).Any(n => f == n / 7.0)));
    }

    private static async Task<double[]> BatchFillsOf(AudioClip clip, VadOptions vad, int batchSize)
    {
        var options = new TranscriberOptions
        {
            ModelDirectory = TinyModel.Directory, Device = "cpu", IntraOpThreads = 1, BatchSize = batchSize, LanguageModel = null, Vad = vad,
        };
        var fills = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecognizerMetrics.MeterName && instrument.Name == RecognizerMetrics.BatchFill)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => fills.Add(value));
        listener.Start();

        using var transcriber = Transcriber.Create(options);
        await transcriber.TranscribeAsync(clip);
        return [.. fills];
    }
}
