namespace FunAsr.Recognizer.Onnx;

/// <summary>The kind of device requested in <see cref="OrtDevice"/>.</summary>
internal enum OrtDeviceKind
{
    Auto,
    Cpu,
    Cuda,
    TensorRt,
}
