namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// An ONNX Runtime call failed, or the native runtime could not be found or is too old. The message carries ORT's own
/// text (when ORT produced one) prefixed with what we were doing, e.g. <c>Creating session for models/x/model.onnx: …</c>.
/// </summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, including ORT's message.</param>
    /// <param name="errorCode">ORT's <c>OrtErrorCode</c> (0 when the error did not come from an OrtStatus).</param>
    public OnnxRuntimeException(string message, int errorCode = 0)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>ORT's <c>OrtErrorCode</c> (1 FAIL, 2 INVALID_ARGUMENT, 3 NO_SUCHFILE, 4 NO_MODEL, …); 0 when not from ORT.</summary>
    public int ErrorCode { get; }
}
