using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// A loaded native ONNX Runtime: the library, its <see cref="OrtApi"/> table, one process-wide <c>OrtEnv</c>, the
/// default CPU allocator and a CPU memory info for tensors over managed memory. Loaded once per library path and kept
/// for the life of the process (a native library cannot be unloaded safely while sessions may exist).
/// </summary>
internal sealed unsafe class OrtRuntime
{
    private static readonly ConcurrentDictionary<string, Lazy<OrtRuntime>> s_loaded = new(StringComparer.Ordinal);
    private readonly OrtHandle _env;
    private readonly OrtHandle _cpuMemoryInfo;

    private OrtRuntime(string libraryPath)
    {
        LibraryPath = libraryPath;
        IntPtr library;
        try
        {
            library = NativeLibrary.Load(libraryPath);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeException($"Could not load the ONNX Runtime library {libraryPath}: {e.Message}");
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var getApiBaseExport))
        {
            throw new OnnxRuntimeException($"{libraryPath} does not export OrtGetApiBase; it is not an ONNX Runtime library.");
        }

        var apiBase = (IntPtr*)((delegate* unmanaged[Cdecl]<IntPtr>)getApiBaseExport)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, IntPtr>)apiBase[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<IntPtr>)apiBase[1];
        Version = Marshal.PtrToStringUTF8(getVersionString()) ?? "unknown";
        var table = getApi(OrtApi.RequiredVersion);
        if (table == IntPtr.Zero)
        {
            throw new OnnxRuntimeException(
                $"ONNX Runtime {Version} at {libraryPath} is too old: this program needs C API version " +
                $"{OrtApi.RequiredVersion} (ONNX Runtime 1.{OrtApi.RequiredVersion} or newer). " +
                "Run tools/install-deps.sh or point ORT_LIBRARY_PATH at a newer libonnxruntime.");
        }

        Api = new OrtApi(table);
        OrtTelemetry.DisableBeforeCreatingEnv();
        IntPtr env;
        var logId = "funasr"u8.ToArray();
        fixed (byte* id = logId)
        {
            Api.Check(Api.CreateEnv(3 /* ORT_LOGGING_LEVEL_ERROR */, id, &env), "Creating the ONNX Runtime environment");
        }

        _env = new OrtHandle(env, Api.ReleaseEnv, "OrtEnv");
        IntPtr allocator;
        Api.Check(Api.GetAllocatorWithDefaultOptions(&allocator), "Getting the default allocator");
        DefaultAllocator = allocator;
        IntPtr memoryInfo;
        Api.Check(Api.CreateCpuMemoryInfo(1 /* OrtArenaAllocator */, 0 /* OrtMemTypeDefault */, &memoryInfo), "Creating CPU memory info");
        _cpuMemoryInfo = new OrtHandle(memoryInfo, Api.ReleaseMemoryInfo, "OrtMemoryInfo");
    }

    /// <summary>Full path of the loaded library.</summary>
    public string LibraryPath { get; }

    /// <summary>ORT's version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    public OrtApi Api { get; }

    /// <summary>The <c>OrtEnv*</c>; valid for the life of the process.</summary>
    public IntPtr Env => _env.DangerousGetHandle();

    /// <summary>ORT's default CPU allocator (not owned; never released).</summary>
    public IntPtr DefaultAllocator { get; }

    /// <summary>The <c>OrtMemoryInfo*</c> for CPU tensors.</summary>
    public IntPtr CpuMemoryInfo => _cpuMemoryInfo.DangerousGetHandle();

    /// <summary>Loads (once) and returns the runtime at <paramref name="libraryPath"/>, or the one
    /// <see cref="OrtLibraryLocator"/> finds when it is null.</summary>
    public static OrtRuntime Load(string? libraryPath = null)
    {
        var path = OrtLibraryLocator.Locate(libraryPath);
        return s_loaded.GetOrAdd(path, p => new Lazy<OrtRuntime>(() => new OrtRuntime(p))).Value;
    }

    /// <summary>The execution providers compiled into this runtime, e.g. <c>CPUExecutionProvider</c>,
    /// <c>CUDAExecutionProvider</c>.</summary>
    public IReadOnlyList<string> AvailableProviders()
    {
        IntPtr names;
        int count;
        Api.Check(Api.GetAvailableProviders(&names, &count), "Listing execution providers");
        var result = new string[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = Marshal.PtrToStringUTF8(((IntPtr*)names)[i]) ?? "";
        }

        Api.Check(Api.ReleaseAvailableProviders(names, count), "Releasing the provider list");
        return result;
    }

    /// <summary>Copies and frees a string that ORT allocated with the default allocator.</summary>
    public string TakeAllocatedString(IntPtr utf8)
    {
        var value = Marshal.PtrToStringUTF8(utf8) ?? "";
        Api.Check(Api.AllocatorFree(DefaultAllocator, (void*)utf8), "Freeing an ORT string");
        return value;
    }

    /// <summary>A NUL-terminated UTF-8 copy of <paramref name="value"/>, for pinning with <c>fixed</c>.</summary>
    public static byte[] Utf8(string value) => Encoding.UTF8.GetBytes(value + "\0");
}
