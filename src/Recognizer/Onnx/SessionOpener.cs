using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Onnx;

/// <summary>Opens a model file on the device of <paramref name="settings"/>: <see cref="OrtDeviceSession.Open"/>, or in
/// tests a session whose device fails the way a GPU does.</summary>
internal delegate OrtDeviceSession SessionOpener(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, ILogger logger);
