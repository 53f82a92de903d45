using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// A session on the device chosen from <see cref="OrtSessionSettings.Device"/>, with the CPU fallbacks the product
/// promises: <c>auto</c> uses CUDA when this ORT build has it and it initialises, otherwise CPU, and says which and
/// why in one log line; an explicit <c>cuda:N</c> that cannot be honoured is an error (the user asked for a GPU, so
/// silently running on CPU would hide a mis-deployment). A CUDA failure while running (e.g. out of memory) re-runs that
/// batch on a CPU session created on first need and counts it in <see cref="CpuFallbacks"/>; it never crashes.
/// </summary>
internal sealed class OrtDeviceSession : IDisposable
{
    private const string CudaProvider = "CUDAExecutionProvider";
    private readonly OrtRuntime _runtime;
    private readonly OrtSessionSettings _settings;
    private readonly ILogger _logger;
    private readonly Lock _cpuLock = new();
    private OrtSession? _cpuSession;
    private int _cpuFallbacks;

    private OrtDeviceSession(OrtRuntime runtime, OrtSessionSettings settings, ILogger logger, OrtSession session, string device)
    {
        _runtime = runtime;
        _settings = settings;
        _logger = logger;
        Session = session;
        Device = device;
    }

    /// <summary>The runtime the session belongs to (for creating input tensors).</summary>
    public OrtRuntime Runtime => _runtime;

    /// <summary>The session on the chosen device (its inputs, outputs and metadata describe the model).</summary>
    public OrtSession Session { get; }

    /// <summary>The device that runs: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Device { get; }

    /// <summary>Batches that failed on CUDA and were re-run on CPU.</summary>
    public int CpuFallbacks => Volatile.Read(ref _cpuFallbacks);

    /// <summary>Opens <paramref name="modelPath"/> on the requested device.</summary>
    /// <exception cref="OnnxRuntimeException">The model cannot be loaded, or an explicit CUDA device is unavailable.</exception>
    public static OrtDeviceSession Open(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, ILogger logger)
    {
        var device = settings.Device;
        if (device.Kind == OrtDeviceKind.Cpu)
        {
            return new OrtDeviceSession(runtime, settings, logger, CreateSession(runtime, modelPath, settings, cudaDeviceId: null), "cpu");
        }

        var providers = runtime.AvailableProviders();
        string reason;
        if (!providers.Contains(CudaProvider))
        {
            reason = $"{CudaProvider} is not in this ONNX Runtime build ({runtime.LibraryPath}, {runtime.Version}; " +
                $"available: {string.Join(", ", providers)})";
        }
        else
        {
            try
            {
                var cudaSession = CreateSession(runtime, modelPath, settings, device.CudaDeviceId);
                logger.LogInformation("Running {Model} on cuda:{DeviceId} ({Provider}).", Path.GetFileName(modelPath), device.CudaDeviceId, CudaProvider);
                return new OrtDeviceSession(runtime, settings, logger, cudaSession, $"cuda:{device.CudaDeviceId}");
            }
            catch (OnnxRuntimeException e)
            {
                reason = $"CUDA could not be initialised: {e.Message}";
            }
        }

        if (device.Kind == OrtDeviceKind.Cuda)
        {
            throw new OnnxRuntimeException(
                $"Device '{device}' was requested but {reason}. Use device 'auto' to fall back to CPU, or set " +
                $"{OrtLibraryLocator.EnvironmentVariable} to a CUDA build of ONNX Runtime (README, section GPU).");
        }

        logger.LogInformation("Running {Model} on cpu because {Reason}.", Path.GetFileName(modelPath), reason);
        return new OrtDeviceSession(runtime, settings, logger, CreateSession(runtime, modelPath, settings, cudaDeviceId: null), "cpu");
    }

    /// <summary>Runs on the chosen device; on a CUDA failure, re-runs on CPU and counts it.</summary>
    public OrtValue[] Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct)
    {
        if (Device == "cpu")
        {
            return Session.Run(inputs, outputNames, ct);
        }

        try
        {
            return Session.Run(inputs, outputNames, ct);
        }
        catch (OnnxRuntimeException e)
        {
            Interlocked.Increment(ref _cpuFallbacks);
            _logger.LogWarning("A batch failed on {Device} and is re-run on cpu: {Reason}.", Device, e.Message);
            return CpuSession().Run(inputs, outputNames, ct);
        }
    }

    public void Dispose()
    {
        Session.Dispose();
        _cpuSession?.Dispose();
    }

    private OrtSession CpuSession()
    {
        lock (_cpuLock)
        {
            return _cpuSession ??= CreateSession(_runtime, Session.ModelPath, _settings, cudaDeviceId: null);
        }
    }

    private static OrtSession CreateSession(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, int? cudaDeviceId)
    {
        using var options = new OrtSessionOptions(runtime)
            .WithIntraOpThreads(settings.IntraOpThreads)
            .WithInterOpThreads(settings.InterOpThreads)
            .WithGraphOptimization(settings.OptimizationLevel);
        if (cudaDeviceId is { } id)
        {
            options.WithCuda(id, settings.GpuMemoryLimitBytes);
        }

        return OrtSession.Create(runtime, modelPath, options);
    }
}
