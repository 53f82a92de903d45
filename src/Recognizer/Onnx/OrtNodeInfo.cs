namespace FunAsr.Recognizer.Onnx;

/// <summary>One input or output of a session: its name, element type and shape (-1 for a dynamic axis such as
/// batch or time).</summary>
internal sealed record OrtNodeInfo(string Name, OrtElementType ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() => $"{Name} {ElementType.ToString().ToLowerInvariant()}[{string.Join(",", Shape)}]";
}
