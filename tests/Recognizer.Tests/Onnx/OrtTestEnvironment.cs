using System.Runtime.CompilerServices;
using FunAsr.Recognizer.Onnx;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Onnx;

/// <summary>
/// Points <c>ORT_LIBRARY_PATH</c> at the checkout's set-up folder unless it is already set: the build output may live
/// outside the checkout (FUNASR_ARTIFACTS), where walking up from the test assembly cannot find <c>.deps/</c>.
/// </summary>
internal static class OrtTestEnvironment
{
    [ModuleInitializer]
    internal static void UseTheCheckoutsRuntime()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(OrtLibraryLocator.EnvironmentVariable)))
        {
            Environment.SetEnvironmentVariable(OrtLibraryLocator.EnvironmentVariable, RepoPaths.Of(".deps", "onnxruntime"));
        }
    }
}
