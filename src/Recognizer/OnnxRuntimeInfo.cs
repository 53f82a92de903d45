using FunAsr.Recognizer.Onnx;

namespace FunAsr.Recognizer;

/// <summary>The native ONNX Runtime this process runs models with, as <c>funasr-pipeline doctor</c> reports it.</summary>
/// <param name="Version">ORT's version string, e.g. <c>1.30.0</c>.</param>
/// <param name="Flavor">The native package of this build: <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="LibraryPath">Full path of the loaded library.</param>
/// <param name="Origin">Where the library was found, e.g. <c>NuGet package in the build output</c>.</param>
/// <param name="Providers">Execution providers the library offers (<c>CPUExecutionProvider</c>, <c>CUDAExecutionProvider</c>, …).</param>
public sealed record OnnxRuntimeInfo(string Version, string Flavor, string LibraryPath, string Origin, IReadOnlyList<string> Providers)
{
    /// <summary>Loads the runtime (once per process) from <paramref name="libraryPath"/>, or where
    /// <see cref="TranscriberOptions.OrtLibraryPath"/> says it is searched when null, and describes it.</summary>
    /// <exception cref="OnnxRuntimeException">The library is missing or unusable, or a different one is already loaded.</exception>
    public static OnnxRuntimeInfo Load(string? libraryPath = null)
    {
        var runtime = OrtRuntime.Load(libraryPath);
        return new OnnxRuntimeInfo(runtime.Version, OrtRuntime.Flavor, runtime.LibraryPath, runtime.Origin, runtime.AvailableProviders());
    }

    /// <summary>What <see cref="TranscriberOptions.Device"/> accepts, for messages about a wrong value.</summary>
    public const string AcceptedDevices = OrtDevice.Accepted;

    /// <summary>True when <paramref name="device"/> is a value <see cref="TranscriberOptions.Device"/> accepts (whether
    /// the machine has the device is known only when the model loads).</summary>
    public static bool IsValidDevice(string device) => OrtDevice.TryParse(device, out _);
}
