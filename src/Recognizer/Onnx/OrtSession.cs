using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// An ONNX Runtime <see cref="InferenceSession"/> created from a model file, with its inputs and outputs as
/// <see cref="OrtNodeInfo"/>, its custom metadata map, and a <see cref="Run"/> that honours cancellation and reports
/// failures as our <see cref="OnnxRuntimeException"/> naming the model.
/// </summary>
internal sealed class OrtSession : IInferenceRunner, IDisposable
{
    private readonly InferenceSession _session;

    private OrtSession(string modelPath, InferenceSession session)
    {
        ModelPath = modelPath;
        _session = session;
        Inputs = Nodes(session.InputMetadata);
        Outputs = Nodes(session.OutputMetadata);
        Metadata = session.ModelMetadata.CustomMetadataMap;
    }

    public string ModelPath { get; }

    public IReadOnlyList<OrtNodeInfo> Inputs { get; }

    public IReadOnlyList<OrtNodeInfo> Outputs { get; }

    /// <summary>The model's custom metadata map (<c>metadata_props</c>), e.g. <c>model_type</c>, <c>vocab_size</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="options"/> in <paramref name="runtime"/>'s environment
    /// (taking the runtime makes sure it was loaded first: the library bound and telemetry off before ORT's env exists).</summary>
    /// <exception cref="OnnxRuntimeException">ORT cannot load the file; the message names it.</exception>
    public static OrtSession Create(OrtRuntime runtime, string modelPath, SessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var fullPath = Path.GetFullPath(modelPath);
        InferenceSession session;
        try
        {
            session = new InferenceSession(fullPath, options);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OnnxRuntimeException.From(e, $"Creating a session for {fullPath}");
        }

        try
        {
            return new OrtSession(fullPath, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs the model. Returns one value per requested output, in order; the caller disposes them. Cancelling
    /// <paramref name="ct"/> sets ORT's terminate flag and the call ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        using var runOptions = new RunOptions();
        try
        {
            using (ct.Register(() => runOptions.Terminate = true))
            {
                return _session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), inputs.Select(i => i.Value).ToArray(), outputNames.ToArray());
            }
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OnnxRuntimeException.From(e, $"Running {Path.GetFileName(ModelPath)}");
        }
    }

    /// <summary>A binding of inputs and outputs to values the caller keeps, for runs that allocate nothing per call.</summary>
    public OrtIoBinding CreateIoBinding() => _session.CreateIoBinding();

    /// <summary>Runs with every input and output already bound in <paramref name="binding"/>; <paramref name="options"/> is reused
    /// by the caller (its terminate flag cancels).</summary>
    public void RunWithBinding(OrtIoBinding binding, RunOptions options)
    {
        try
        {
            _session.RunWithBinding(options, binding);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException) when (options.Terminate)
        {
            throw new OperationCanceledException();
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw OnnxRuntimeException.From(e, $"Running {Path.GetFileName(ModelPath)}");
        }
    }

    public void Dispose() => _session.Dispose();

    private static OrtNodeInfo[] Nodes(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Select(n => new OrtNodeInfo(
            n.Key,
            n.Value.OnnxValueType == OnnxValueType.ONNX_TYPE_TENSOR ? n.Value.ElementDataType : TensorElementType.DataTypeMax,
            n.Value.Dimensions.Select(d => (long)d).ToArray())).ToArray();
}
