using System.Text.RegularExpressions;

namespace FunAsr.Recognizer;

/// <summary>
/// An ONNX Runtime call failed, or the native runtime could not be found or is unusable. The message carries ORT's own
/// text (when ORT produced one) prefixed with what we were doing, e.g. <c>Creating session for models/x/model.onnx: …</c>.
/// </summary>
public sealed partial class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, including ORT's message.</param>
    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    /// <summary>Wraps the managed package's exception (message <c>[ErrorCode:Name] text</c>), prefixed with what we
    /// were doing; the code name stays in the text.</summary>
    internal static OnnxRuntimeException From(Microsoft.ML.OnnxRuntime.OnnxRuntimeException e, string doing) =>
        new($"{doing}: {CodePrefix().Replace(e.Message, "$1:").Trim()}");

    [GeneratedRegex(@"^\[ErrorCode:(\w+)\]")]
    private static partial Regex CodePrefix();
}
