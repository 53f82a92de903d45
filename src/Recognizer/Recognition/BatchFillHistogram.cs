using System.Diagnostics.Metrics;

namespace FunAsr.Recognizer.Recognition;

/// <summary>The <see cref="RecognizerMetrics.BatchFill"/> histogram: how full each acoustic-model batch was.</summary>
internal static class BatchFillHistogram
{
    private static readonly Meter s_meter = new(RecognizerMetrics.MeterName);

    private static readonly Histogram<double> s_fill = s_meter.CreateHistogram(RecognizerMetrics.BatchFill, "1",
        "Segments in each acoustic-model batch over the batch size (1 = full).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.125, 0.25, 0.5, 0.75, 0.999, 1] });

    public static void Record(int segments, int batchSize) => s_fill.Record((double)segments / batchSize);
}
