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
    public static string Locate(string? explicitPath) =>
        Locate(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    /// <summary>As <see cref="Locate(string?)"/>, with the environment value and application folder given.</summary>
    internal static string Locate(string? explicitPath, string? fromEnvironment, string appDirectory)
    {
        var searched = new List<string>();
        foreach (var (file, origin) in Candidates(explicitPath, fromEnvironment, appDirectory))
        {
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

    private static IEnumerable<(string Path, string Origin)> Candidates(string? explicitPath, string? fromEnvironment, string appDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            yield return (FileOrFolder(explicitPath), "OrtLibraryPath option");
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            yield return (FileOrFolder(fromEnvironment), $"{EnvironmentVariable} environment variable");
            yield break;
        }

        yield return (Path.Combine(appDirectory, FileName), "application folder");
        for (var dir = new DirectoryInfo(appDirectory); dir is not null; dir = dir.Parent)
        {
            var setupFolder = Path.Combine(dir.FullName, ".deps", "onnxruntime");
            if (Directory.Exists(setupFolder))
            {
                yield return (Path.Combine(setupFolder, FileName), "set-up folder");
                yield break;
            }
        }

        yield return (".deps/onnxruntime/ above " + appDirectory, "set-up folder, not found");
    }

    private static string FileOrFolder(string path) => Directory.Exists(path) ? Path.Combine(path, FileName) : path;
}
