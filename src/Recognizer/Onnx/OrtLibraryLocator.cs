namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Finds the native ONNX Runtime library, in this order: an explicit path (the <c>OrtLibraryPath</c> option), the
/// <c>ORT_LIBRARY_PATH</c> environment variable (a file or a folder), the application folder, and finally the set-up
/// folder <c>.deps/onnxruntime/</c> found by walking up from the application folder (where <c>tools/install-deps.sh</c>
/// puts it).
/// </summary>
internal static class OrtLibraryLocator
{
    public const string EnvironmentVariable = "ORT_LIBRARY_PATH";

    private static string FileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib"
        : "libonnxruntime.so";

    /// <summary>Returns the library path, or throws listing every place that was searched.</summary>
    public static string Locate(string? explicitPath)
    {
        var searched = new List<string>();
        foreach (var (candidate, origin) in Candidates(explicitPath))
        {
            var file = Directory.Exists(candidate) ? Path.Combine(candidate, FileName) : candidate;
            if (File.Exists(file))
            {
                return Path.GetFullPath(file);
            }

            searched.Add($"{file} ({origin})");
        }

        throw new OnnxRuntimeException(
            $"The ONNX Runtime native library ({FileName}) was not found. Looked in: {string.Join("; ", searched)}. " +
            $"Run tools/install-deps.sh to fetch it into .deps/onnxruntime/, or set {EnvironmentVariable} to the library file.");
    }

    private static IEnumerable<(string Path, string Origin)> Candidates(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return (explicitPath, "OrtLibraryPath option");
            yield break;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return (fromEnvironment, $"{EnvironmentVariable} environment variable");
            yield break;
        }

        var appDirectory = AppContext.BaseDirectory;
        yield return (appDirectory, "application folder");
        for (var dir = new DirectoryInfo(appDirectory); dir is not null; dir = dir.Parent)
        {
            var setupFolder = Path.Combine(dir.FullName, ".deps", "onnxruntime");
            if (Directory.Exists(setupFolder))
            {
                yield return (setupFolder, "set-up folder");
                yield break;
            }
        }

        yield return (".deps/onnxruntime/ above " + appDirectory, "set-up folder, not found");
    }
}
