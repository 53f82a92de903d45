using System.Diagnostics.Metrics;

namespace FunAsr.Recognizer.Onnx;

/// <summary>The <see cref="RecognizerMetrics.CpuFallbacks"/> counter of every <see cref="OrtDeviceSession"/> in the process.</summary>
internal static class CpuFallbackCounter
{
    private static readonly Meter s_meter = new(RecognizerMetrics.MeterName);

    private static readonly Counter<long> s_counter = s_meter.CreateCounter<long>(RecognizerMetrics.CpuFallbacks, "{batch}",
        "Batches the model ran on the CPU because the GPU failed while running them.");

    /// <summary>Adds <paramref name="batches"/> (0 when a GPU session opens) for the model file on the device.</summary>
    public static void Add(long batches, string modelPath, string device) =>
        s_counter.Add(batches, new KeyValuePair<string, object?>("model", Path.GetFileName(modelPath)), new KeyValuePair<string, object?>("device", device));
}
