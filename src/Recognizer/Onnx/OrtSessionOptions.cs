namespace FunAsr.Recognizer.Onnx;

/// <summary>An <c>OrtSessionOptions</c>: thread counts, graph optimization level, and the CUDA execution provider.</summary>
internal sealed unsafe class OrtSessionOptions : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtHandle _handle;

    public OrtSessionOptions(OrtRuntime runtime)
    {
        _runtime = runtime;
        IntPtr options;
        runtime.Api.Check(runtime.Api.CreateSessionOptions(&options), "Creating session options");
        _handle = new OrtHandle(options, runtime.Api.ReleaseSessionOptions, "OrtSessionOptions");
    }

    internal IntPtr Handle => _handle.DangerousGetHandle();

    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per physical core).</summary>
    public OrtSessionOptions WithIntraOpThreads(int threads)
    {
        _runtime.Api.Check(_runtime.Api.SetIntraOpNumThreads(Handle, threads), $"Setting intra-op threads to {threads}");
        return this;
    }

    /// <summary>Threads used to run independent operators in parallel; 0 lets ORT choose.</summary>
    public OrtSessionOptions WithInterOpThreads(int threads)
    {
        _runtime.Api.Check(_runtime.Api.SetInterOpNumThreads(Handle, threads), $"Setting inter-op threads to {threads}");
        return this;
    }

    public OrtSessionOptions WithGraphOptimization(OrtGraphOptimizationLevel level)
    {
        _runtime.Api.Check(_runtime.Api.SetSessionGraphOptimizationLevel(Handle, (int)level), $"Setting graph optimization to {level}");
        return this;
    }

    /// <summary>
    /// Appends the CUDA execution provider through the V2 (opaque) options. Throws <see cref="OnnxRuntimeException"/>
    /// when this ORT build has no CUDA provider or CUDA cannot be initialised.
    /// </summary>
    /// <param name="deviceId">CUDA device ordinal.</param>
    /// <param name="gpuMemoryLimitBytes">Arena limit in bytes; null for ORT's default (no limit).</param>
    public OrtSessionOptions WithCuda(int deviceId, long? gpuMemoryLimitBytes)
    {
        var api = _runtime.Api;
        IntPtr cudaOptions;
        api.Check(api.CreateCUDAProviderOptions(&cudaOptions), "Creating CUDA provider options");
        using var owned = new OrtHandle(cudaOptions, api.ReleaseCUDAProviderOptions, "OrtCUDAProviderOptionsV2");
        var settings = new List<(string Key, string Value)> { ("device_id", deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        if (gpuMemoryLimitBytes is { } limit)
        {
            settings.Add(("gpu_mem_limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var keys = settings.Select(s => OrtRuntime.Utf8(s.Key)).ToArray();
        var values = settings.Select(s => OrtRuntime.Utf8(s.Value)).ToArray();
        using var pins = new PinnedUtf8Strings(keys.Concat(values));
        var keyPointers = stackalloc byte*[keys.Length];
        var valuePointers = stackalloc byte*[values.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keyPointers[i] = pins[i];
            valuePointers[i] = pins[keys.Length + i];
        }

        api.Check(api.UpdateCUDAProviderOptions(cudaOptions, keyPointers, valuePointers, (nuint)keys.Length), "Setting CUDA provider options");
        api.Check(api.SessionOptionsAppendExecutionProvider_CUDA_V2(Handle, cudaOptions), $"Appending the CUDA execution provider (device {deviceId})");
        return this;
    }

    public void Dispose() => _handle.Dispose();
}
