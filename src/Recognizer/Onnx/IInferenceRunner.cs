using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Onnx;

/// <summary>What an <see cref="OrtDeviceSession"/> runs a batch on: its session on the chosen device (an
/// <see cref="OrtSession"/>). The seam where a GPU failure at run time comes from.</summary>
internal interface IInferenceRunner
{
    /// <summary>Runs the model; the outputs are owned by the caller.</summary>
    /// <exception cref="OnnxRuntimeException">The run failed (on a GPU: out of memory, a CUDA error…).</exception>
    IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct);
}
