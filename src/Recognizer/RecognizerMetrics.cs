namespace FunAsr.Recognizer;

/// <summary>
/// The recognizer's metrics (meter <see cref="MeterName"/>): <see cref="CpuFallbacks"/>, a counter of batches re-run
/// on the CPU after the GPU failed while running them, tagged with the model file (<c>model</c>) and the device
/// (<c>device</c>). Each GPU session adds 0 when it opens, so the series exists before the first failure.
/// </summary>
public static class RecognizerMetrics
{
    /// <summary>The meter name to listen to (OpenTelemetry: <c>AddMeter(RecognizerMetrics.MeterName)</c>).</summary>
    public const string MeterName = "FunAsr.Recognizer";

    /// <summary>The counter's name; Prometheus exports it as <c>funasr_cpu_fallbacks_total</c>.</summary>
    public const string CpuFallbacks = "funasr.cpu_fallbacks";
}
