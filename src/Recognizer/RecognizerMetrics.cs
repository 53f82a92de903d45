namespace FunAsr.Recognizer;

/// <summary>
/// The recognizer's metrics (meter <see cref="MeterName"/>): <see cref="CpuFallbacks"/>, a counter of batches re-run
/// on the CPU after the GPU failed while running them, tagged with the model file (<c>model</c>) and the device
/// (<c>device</c>). Each GPU session adds 0 when it opens, so the series exists before the first failure. And
/// <see cref="BatchFill"/>, a histogram of how full each acoustic-model batch was (segments over the batch size), which
/// says whether a GPU host gets enough work to fill its batches.
/// </summary>
public static class RecognizerMetrics
{
    /// <summary>The meter name to listen to (OpenTelemetry: <c>AddMeter(RecognizerMetrics.MeterName)</c>).</summary>
    public const string MeterName = "FunAsr.Recognizer";

    /// <summary>The counter's name; Prometheus exports it as <c>funasr_cpu_fallbacks_total</c>.</summary>
    public const string CpuFallbacks = "funasr.cpu_fallbacks";

    /// <summary>The batch fill histogram's name; Prometheus exports it as <c>funasr_batch_fill_bucket</c> (and <c>_sum</c>, <c>_count</c>).</summary>
    public const string BatchFill = "funasr.batch_fill";
}
