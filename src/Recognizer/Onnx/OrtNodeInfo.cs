using Microsoft.ML.OnnxRuntime.Tensors;

namespace FunAsr.Recognizer.Onnx;

/// <summary>One input or output of a session: its name, element type (<see cref="TensorElementType.DataTypeMax"/> for a
/// value that is not a tensor) and shape (-1 for a dynamic axis such as batch or time).</summary>
internal sealed record OrtNodeInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name} {ElementType.ToString().ToLowerInvariant()}[{string.Join(",", Shape)}]";
}
