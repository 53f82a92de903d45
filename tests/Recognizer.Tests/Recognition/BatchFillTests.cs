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
        var options = new TranscriberOptions
        {
            ModelDirectory = TinyModel.Directory, Device = "cpu", IntraOpThreads = 1, BatchSize = 8, LanguageModel = null,
            Vad = new VadOptions { Method = "off" },
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
        await transcriber.TranscribeAsync(stereo);

        // Both channels, one segment each, go to the model in one batch of the 8 it could take.
        Assert.Contains(2.0 / 8, fills);
    }
}
