using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// A session on the device chosen from <see cref="OrtSessionSettings.Device"/>, with the CPU fallbacks the product
/// promises: <c>auto</c> uses CUDA when this ORT build has it and it initialises, otherwise CPU, and says which and
/// why in one log line; an explicit <c>cuda:N</c> or <c>tensorrt:N</c> that cannot be honoured is an error (the user
/// asked for a GPU, so silently running on CPU would hide a mis-deployment). A GPU failure while running (e.g. out of
/// memory) re-runs that batch on a CPU session created on first need and counts it in <see cref="CpuFallbacks"/> and the
/// <see cref="RecognizerMetrics.CpuFallbacks"/> counter; it never crashes.
/// </summary>
internal sealed class OrtDeviceSession : IDisposable
{
    private readonly OrtSessionSettings _settings;
    private readonly ILogger _logger;
    private readonly Lock _cpuLock = new();
    private readonly IInferenceRunner _runner;
    private OrtSession? _cpuSession;
    private int _cpuFallbacks;

    /// <summary>A session on <paramref name="device"/>; batches run on <paramref name="runner"/> (by default
    /// <paramref name="session"/> itself).</summary>
    internal OrtDeviceSession(OrtRuntime runtime, OrtSessionSettings settings, ILogger logger, OrtSession session, OrtDevice device, IInferenceRunner? runner = null)
    {
        Runtime = runtime;
        _settings = settings;
        _logger = logger;
        Session = session;
        Device = device.ToString();
        _runner = runner ?? session;
        if (device.Kind != OrtDeviceKind.Cpu)
        {
            CpuFallbackCounter.Add(0, session.ModelPath, Device);
        }
    }

    /// <summary>The runtime the session belongs to.</summary>
    public OrtRuntime Runtime { get; }

    /// <summary>The session on the chosen device (its inputs, outputs and metadata describe the model).</summary>
    public OrtSession Session { get; }

    /// <summary>The device that runs: <c>cpu</c>, <c>cuda:N</c> or <c>tensorrt:N</c>.</summary>
    public string Device { get; }

    /// <summary>Batches that failed on the GPU and were re-run on CPU.</summary>
    public int CpuFallbacks => Volatile.Read(ref _cpuFallbacks);

    /// <summary>Opens <paramref name="modelPath"/> on the requested device.</summary>
    /// <exception cref="OnnxRuntimeException">The model cannot be loaded, or an explicit GPU device is unavailable
    /// (one line naming the missing provider or CUDA library).</exception>
    public static OrtDeviceSession Open(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, ILogger logger)
    {
        var requested = settings.Device;
        if (requested.Kind == OrtDeviceKind.Cpu)
        {
            return new OrtDeviceSession(runtime, settings, logger, CreateSession(runtime, modelPath, settings, OrtDevice.Cpu), OrtDevice.Cpu);
        }

        var gpu = requested.Kind == OrtDeviceKind.Auto ? requested with { Kind = OrtDeviceKind.Cuda } : requested;
        var reason = GpuProviders.MissingFromBuild(runtime, gpu.Kind);
        if (reason is null)
        {
            try
            {
                var session = CreateSession(runtime, modelPath, settings, gpu);
                logger.LogInformation("Running {Model} on {Device} ({Provider}, ONNX Runtime {Version} {Flavor}).",
                    Path.GetFileName(modelPath), gpu, GpuProviders.Name(gpu.Kind), runtime.Version, OrtRuntime.Flavor);
                return new OrtDeviceSession(runtime, settings, logger, session, gpu);
            }
            catch (OnnxRuntimeException e)
            {
                reason = GpuProviders.InitialisationFailure(gpu.Kind, e.Message);
            }
        }

        if (requested.Kind != OrtDeviceKind.Auto)
        {
            throw new OnnxRuntimeException($"Device '{requested}' was requested but {reason}. Use device 'auto' to fall back to CPU (README, section GPU).");
        }

        logger.LogInformation("Running {Model} on cpu because {Reason}.", Path.GetFileName(modelPath), reason);
        return new OrtDeviceSession(runtime, settings, logger, CreateSession(runtime, modelPath, settings, OrtDevice.Cpu), OrtDevice.Cpu);
    }

    /// <summary>Runs on the chosen device; on a GPU failure, re-runs on CPU and counts it.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct)
    {
        if (Device == "cpu")
        {
            return _runner.Run(inputs, outputNames, ct);
        }

        try
        {
            return _runner.Run(inputs, outputNames, ct);
        }
        catch (OnnxRuntimeException e)
        {
            Interlocked.Increment(ref _cpuFallbacks);
            CpuFallbackCounter.Add(1, Session.ModelPath, Device);
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
            return _cpuSession ??= CreateSession(Runtime, Session.ModelPath, _settings, OrtDevice.Cpu);
        }
    }

    private static OrtSession CreateSession(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, OrtDevice device)
    {
        SessionOptions options;
        try
        {
            options = settings.CreateOptions(device);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OnnxRuntimeException.From(e, $"Appending the {GpuProviders.Name(device.Kind)} (device {device.GpuId})");
        }

        using (options)
        {
            return OrtSession.Create(runtime, modelPath, options);
        }
    }
}
