using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// The process's ONNX Runtime: the native library <see cref="OrtLibraryLocator"/> finds, bound to the managed
/// package's P/Invokes, and its one <c>OrtEnv</c>, created after telemetry is switched off. Loaded once and kept for
/// the life of the process (a native library cannot be unloaded safely while sessions may exist).
/// </summary>
internal sealed class OrtRuntime
{
    private const string ManagedLibraryName = "onnxruntime";
    private static readonly Lock s_lock = new();
    private static OrtRuntime? s_loaded;
    private static IntPtr s_library;
    private static bool s_resolverSet;

    private OrtRuntime(string libraryPath, string origin, OrtEnv env)
    {
        LibraryPath = libraryPath;
        Origin = origin;
        Env = env;
        Version = env.GetVersionString();
    }

    /// <summary>Full path of the loaded library.</summary>
    public string LibraryPath { get; }

    /// <summary>Where the library was found, e.g. <c>NuGet package in the build output</c>.</summary>
    public string Origin { get; }

    /// <summary>ORT's version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    /// <summary>The native package this build carries: <c>cpu</c> (Microsoft.ML.OnnxRuntime) or <c>cuda</c>
    /// (Microsoft.ML.OnnxRuntime.Gpu.Linux); set at build time by the <c>OrtFlavor</c> property.</summary>
    public static string Flavor { get; } = typeof(OrtRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "OrtFlavor")?.Value ?? "cpu";

    public OrtEnv Env { get; }

    /// <summary>Loads (once) and returns the runtime at <paramref name="libraryPath"/>, or the one
    /// <see cref="OrtLibraryLocator"/> finds when it is null.</summary>
    /// <exception cref="OnnxRuntimeException">The library is missing or unusable, or a different one is already loaded.</exception>
    public static OrtRuntime Load(string? libraryPath = null)
    {
        lock (s_lock)
        {
            if (s_loaded is { } loaded)
            {
                if (libraryPath is not null && OrtLibraryLocator.Locate(libraryPath).Path != loaded.LibraryPath)
                {
                    throw new OnnxRuntimeException(
                        $"ONNX Runtime is already loaded from {loaded.LibraryPath}; one process cannot also load {libraryPath}.");
                }

                return loaded;
            }

            var (path, origin) = OrtLibraryLocator.Locate(libraryPath);
            return s_loaded = Create(path, origin);
        }
    }

    /// <summary>
    /// Points the managed package's P/Invokes at <see cref="s_library"/>, once per process: an assembly takes one
    /// resolver, and a load that failed after setting it must not make the next try fail with "already set". When the
    /// package's own types were touched before any runtime was loaded (a parallel test, say), the package has set its
    /// resolver first; it then finds the library shipped beside the application, the one located by default.
    /// </summary>
    private static void BindManagedPackage()
    {
        if (s_resolverSet) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, (name, _, _) => name == ManagedLibraryName ? s_library : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // The package's own resolver is in place (see above).
        }
        s_resolverSet = true;
    }

    /// <summary>The execution providers compiled into this runtime, e.g. <c>CPUExecutionProvider</c>,
    /// <c>CUDAExecutionProvider</c>.</summary>
    public IReadOnlyList<string> AvailableProviders() => Env.GetAvailableProviders();

    private static OrtRuntime Create(string path, string origin)
    {
        IntPtr library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException($"Could not load the ONNX Runtime library {path} ({origin}): {e.Message}");
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out _))
        {
            throw new OnnxRuntimeException($"{path} ({origin}) does not export OrtGetApiBase; it is not an ONNX Runtime library.");
        }

        s_library = library;
        BindManagedPackage();
        OrtTelemetry.DisableBeforeCreatingEnv();
        var options = new EnvironmentCreationOptions { logId = "funasr", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        try
        {
            return new OrtRuntime(path, origin, OrtEnv.CreateInstanceWithOptions(ref options));
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or TypeInitializationException or EntryPointNotFoundException)
        {
            throw new OnnxRuntimeException(
                $"ONNX Runtime at {path} ({origin}) cannot serve the {typeof(OrtEnv).Assembly.GetName().Version} binding: " +
                $"{(e.InnerException ?? e).Message}. Point {OrtLibraryLocator.EnvironmentVariable} at a matching build, or unset it.");
        }
    }
}
