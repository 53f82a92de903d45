using System.Text.RegularExpressions;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// The GPU execution providers and the one-line reasons given when one cannot run: missing from this build (the cpu
/// flavour carries no provider libraries), or present but unable to start because a CUDA, cuDNN or TensorRT library
/// is not on the loader path (ORT's own message is several lines; the missing file name is what a user needs).
/// </summary>
internal static partial class GpuProviders
{
    public static string Name(OrtDeviceKind kind) => kind == OrtDeviceKind.TensorRt ? "TensorrtExecutionProvider" : "CUDAExecutionProvider";

    /// <summary>Why <paramref name="kind"/> cannot run with this build, or null when the build has it.</summary>
    public static string? MissingFromBuild(OrtRuntime runtime, OrtDeviceKind kind)
    {
        var providers = runtime.AvailableProviders();
        if (providers.Contains(Name(kind)))
        {
            return null;
        }

        var library = kind == OrtDeviceKind.TensorRt ? "libonnxruntime_providers_tensorrt.so" : "libonnxruntime_providers_cuda.so";
        return $"{Name(kind)} ({library}) is not in this ONNX Runtime build ({runtime.Version}, {OrtRuntime.Flavor} flavour, " +
               $"{runtime.LibraryPath}; available: {string.Join(", ", providers)}); build with -p:OrtFlavor=cuda or use the GPU image";
    }

    /// <summary>One line from ORT's failure to start a provider: the missing library when that is the cause.</summary>
    public static string InitialisationFailure(OrtDeviceKind kind, string message)
    {
        var what = kind == OrtDeviceKind.TensorRt ? "TensorRT" : "CUDA";
        var missing = MissingLibrary().Match(message);
        var needs = kind == OrtDeviceKind.TensorRt ? "CUDA 13, cuDNN 9 and TensorRT 10" : "CUDA 13 and cuDNN 9";
        return missing.Success
            ? $"{what} could not be initialised: {missing.Groups[1].Value} is missing (cannot open shared object file; " +
              $"the GPU build needs the NVIDIA driver and the {needs} libraries on the loader path)"
            : $"{what} could not be initialised: {Whitespace().Replace(message, " ").Trim()}";
    }

    [GeneratedRegex(@"([\w.+-]+\.so[\d.]*): cannot open shared object file")]
    private static partial Regex MissingLibrary();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
