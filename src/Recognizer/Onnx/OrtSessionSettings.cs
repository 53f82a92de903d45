using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Onnx;

/// <summary>How to open a model session: device, threads and graph optimization.</summary>
/// <param name="Device">Requested device; <see cref="OrtDeviceKind.Auto"/> falls back to CPU.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ORT's choice.</param>
/// <param name="InterOpThreads">Threads across operators; 0 = ORT's choice.</param>
/// <param name="GpuMemoryLimitBytes">CUDA arena limit; null = no limit.</param>
/// <param name="TensorRtCacheDirectory">Where TensorRT keeps its built engines (device <c>tensorrt:N</c> only).</param>
/// <param name="OptimizationLevel">Graph optimization level; all optimizations by default.</param>
/// <param name="AllowSpinning">Whether idle pool threads busy-wait for the next operator. Off by default: on this kind
/// of machine ORT's spinning cost 45–60% more CPU for 10–20% less wall time (bench/results/2026-12-07-recognizer-speed.md).</param>
internal sealed record OrtSessionSettings(
    OrtDevice Device,
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    long? GpuMemoryLimitBytes = null,
    string? TensorRtCacheDirectory = null,
    GraphOptimizationLevel OptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    bool AllowSpinning = false)
{
    /// <summary>Session options for <paramref name="device"/> (<c>cpu</c>, <c>cuda:N</c> or <c>tensorrt:N</c>; not
    /// <c>auto</c>). The caller disposes them.</summary>
    /// <exception cref="Microsoft.ML.OnnxRuntime.OnnxRuntimeException">The provider is missing from this build or cannot
    /// be initialised.</exception>
    public SessionOptions CreateOptions(OrtDevice device)
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpThreads,
            InterOpNumThreads = InterOpThreads,
            GraphOptimizationLevel = OptimizationLevel,
        };
        try
        {
            var spinning = AllowSpinning ? "1" : "0";
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", spinning);
            options.AddSessionConfigEntry("session.inter_op.allow_spinning", spinning);

            if (device.Kind == OrtDeviceKind.TensorRt)
            {
                using var tensorRt = new OrtTensorRTProviderOptions();
                tensorRt.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = Invariant(device.GpuId),
                    ["trt_engine_cache_enable"] = "1",
                    ["trt_engine_cache_path"] = TensorRtCacheDirectory ?? TensorRtCache.DefaultDirectory(),
                });
                options.AppendExecutionProvider_Tensorrt(tensorRt);
            }

            if (device.Kind is OrtDeviceKind.Cuda or OrtDeviceKind.TensorRt)
            {
                using var cuda = new OrtCUDAProviderOptions();
                var settings = new Dictionary<string, string> { ["device_id"] = Invariant(device.GpuId) };
                if (GpuMemoryLimitBytes is { } limit)
                {
                    settings["gpu_mem_limit"] = Invariant(limit);
                }

                cuda.UpdateOptions(settings);
                options.AppendExecutionProvider_CUDA(cuda);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static string Invariant(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
