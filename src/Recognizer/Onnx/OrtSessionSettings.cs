namespace FunAsr.Recognizer.Onnx;

/// <summary>How to open a model session: device, threads and graph optimization.</summary>
/// <param name="Device">Requested device; <see cref="OrtDeviceKind.Auto"/> falls back to CPU.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 = ORT's choice.</param>
/// <param name="InterOpThreads">Threads across operators; 0 = ORT's choice.</param>
/// <param name="GpuMemoryLimitBytes">CUDA arena limit; null = no limit.</param>
/// <param name="OptimizationLevel">Graph optimization level; <see cref="OrtGraphOptimizationLevel.All"/> by default.</param>
internal sealed record OrtSessionSettings(
    OrtDevice Device,
    int IntraOpThreads = 0,
    int InterOpThreads = 0,
    long? GpuMemoryLimitBytes = null,
    OrtGraphOptimizationLevel OptimizationLevel = OrtGraphOptimizationLevel.All);
