namespace FunAsr.Recognizer.Onnx;

/// <summary>ORT's <c>GraphOptimizationLevel</c> (the numbers are ORT's).</summary>
internal enum OrtGraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
