namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// An <c>OrtSession</c> created from a model file, with its input/output names, types and shapes, its custom
/// metadata map, and <see cref="Run"/>.
/// </summary>
internal sealed unsafe class OrtSession : IDisposable
{
    private readonly OrtRuntime _runtime;
    private readonly OrtHandle _handle;

    private OrtSession(OrtRuntime runtime, string modelPath, IntPtr session)
    {
        _runtime = runtime;
        ModelPath = modelPath;
        _handle = new OrtHandle(session, runtime.Api.ReleaseSession, "OrtSession");
        Inputs = ReadNodes(isInput: true);
        Outputs = ReadNodes(isInput: false);
        Metadata = ReadMetadata();
    }

    public string ModelPath { get; }

    public IReadOnlyList<OrtNodeInfo> Inputs { get; }

    public IReadOnlyList<OrtNodeInfo> Outputs { get; }

    /// <summary>The model's custom metadata map (<c>metadata_props</c>), e.g. <c>model_type</c>, <c>vocab_size</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    private IntPtr Handle => _handle.DangerousGetHandle();

    public static OrtSession Create(OrtRuntime runtime, string modelPath, OrtSessionOptions options)
    {
        var fullPath = Path.GetFullPath(modelPath);
        IntPtr session;
        if (OperatingSystem.IsWindows())
        {
            fixed (char* path = fullPath)
            {
                runtime.Api.Check(runtime.Api.CreateSession(runtime.Env, path, options.Handle, &session), $"Creating a session for {fullPath}");
            }
        }
        else
        {
            fixed (byte* path = OrtRuntime.Utf8(fullPath))
            {
                runtime.Api.Check(runtime.Api.CreateSession(runtime.Env, path, options.Handle, &session), $"Creating a session for {fullPath}");
            }
        }

        try
        {
            return new OrtSession(runtime, fullPath, session);
        }
        catch
        {
            runtime.Api.ReleaseSession(session);
            throw;
        }
    }

    /// <summary>
    /// Runs the model. Returns one value per requested output, in order; the caller disposes them. Cancelling
    /// <paramref name="ct"/> sets ORT's terminate flag and the call ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    public OrtValue[] Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var api = _runtime.Api;
        using var names = new PinnedUtf8Strings(inputs.Select(i => OrtRuntime.Utf8(i.Name)).Concat(outputNames.Select(OrtRuntime.Utf8)));
        var namePointers = stackalloc IntPtr[names.Count];
        names.CopyPointersTo(namePointers);
        var inputValues = stackalloc IntPtr[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            inputValues[i] = inputs[i].Value.Handle;
        }

        var outputValues = stackalloc IntPtr[outputNames.Count];
        IntPtr created;
        api.Check(api.CreateRunOptions(&created), "Creating run options");
        using var runOptionsHandle = new OrtHandle(created, api.ReleaseRunOptions, "OrtRunOptions");
        var runOptions = created;
        IntPtr status;
        using (ct.Register(() => api.RunOptionsSetTerminate(runOptions)))
        {
            status = api.Run(Handle, runOptions, namePointers, inputValues, (nuint)inputs.Count,
                namePointers + inputs.Count, (nuint)outputNames.Count, outputValues);
        }

        if (status != IntPtr.Zero && ct.IsCancellationRequested)
        {
            api.ReleaseStatus(status);
            throw new OperationCanceledException(ct);
        }

        api.Check(status, $"Running {Path.GetFileName(ModelPath)}");
        var result = new OrtValue[outputNames.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = OrtValue.FromOrt(_runtime, outputValues[i]);
        }

        return result;
    }

    public void Dispose() => _handle.Dispose();

    private OrtNodeInfo[] ReadNodes(bool isInput)
    {
        var api = _runtime.Api;
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(Handle, &count) : api.SessionGetOutputCount(Handle, &count), "Counting model inputs/outputs");
        var nodes = new OrtNodeInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            IntPtr name;
            api.Check(isInput
                ? api.SessionGetInputName(Handle, i, _runtime.DefaultAllocator, &name)
                : api.SessionGetOutputName(Handle, i, _runtime.DefaultAllocator, &name), "Reading a model input/output name");
            var nodeName = _runtime.TakeAllocatedString(name);
            IntPtr typeInfo;
            api.Check(isInput
                ? api.SessionGetInputTypeInfo(Handle, i, &typeInfo)
                : api.SessionGetOutputTypeInfo(Handle, i, &typeInfo), $"Reading the type of {nodeName}");
            using var ownedTypeInfo = new OrtHandle(typeInfo, api.ReleaseTypeInfo, "OrtTypeInfo");
            IntPtr tensorInfo;
            api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), $"Reading the tensor type of {nodeName}");
            nodes[(int)i] = tensorInfo == IntPtr.Zero
                ? new OrtNodeInfo(nodeName, OrtElementType.Undefined, [])
                : MakeNode(nodeName, OrtValue.ReadTypeAndShape(api, tensorInfo));
        }

        return nodes;
    }

    private static OrtNodeInfo MakeNode(string name, (OrtElementType ElementType, long[] Shape) typeAndShape) =>
        new(name, typeAndShape.ElementType, typeAndShape.Shape);

    private Dictionary<string, string> ReadMetadata()
    {
        var api = _runtime.Api;
        IntPtr metadata;
        api.Check(api.SessionGetModelMetadata(Handle, &metadata), "Reading model metadata");
        using var ownedMetadata = new OrtHandle(metadata, api.ReleaseModelMetadata, "OrtModelMetadata");
        IntPtr keys;
        long keyCount;
        api.Check(api.ModelMetadataGetCustomMetadataMapKeys(metadata, _runtime.DefaultAllocator, &keys, &keyCount), "Listing model metadata keys");
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys == IntPtr.Zero)
        {
            return result;
        }

        for (var i = 0; i < keyCount; i++)
        {
            var key = _runtime.TakeAllocatedString(((IntPtr*)keys)[i]);
            IntPtr value;
            fixed (byte* keyUtf8 = OrtRuntime.Utf8(key))
            {
                api.Check(api.ModelMetadataLookupCustomMetadataMap(metadata, _runtime.DefaultAllocator, keyUtf8, &value), $"Reading model metadata key {key}");
            }

            if (value != IntPtr.Zero)
            {
                result[key] = _runtime.TakeAllocatedString(value);
            }
        }

        api.Check(api.AllocatorFree(_runtime.DefaultAllocator, (void*)keys), "Freeing the metadata key list");
        return result;
    }
}
