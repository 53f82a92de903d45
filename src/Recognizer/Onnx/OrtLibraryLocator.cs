using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Finds the native ONNX Runtime library, in this order: an explicit path (the <c>OrtLibraryPath</c> option), the
/// <c>ORT_LIBRARY_PATH</c> environment variable (a file or a folder; for a user's own build), then the copy the NuGet
/// package put in the build output: the application folder (RID-specific builds, publish, tool) or
/// <c>runtimes/RID/native/</c> under it (portable builds).
/// </summary>
internal static class OrtLibraryLocator
{
    public const string EnvironmentVariable = "ORT_LIBRARY_PATH";

    public static string FileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib"
        : "libonnxruntime.so";

    /// <summary>Returns the library path and where it came from, or throws listing every place that was searched.</summary>
    public static (string Path, string Origin) Locate(string? explicitPath) =>
        Locate(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory, RuntimeInformation.RuntimeIdentifier);

    /// <summary>As <see cref="Locate(string?)"/>, with the environment value, application folder and RID given.</summary>
    internal static (string Path, string Origin) Locate(string? explicitPath, string? fromEnvironment, string appDirectory, string runtimeIdentifier)
    {
        var searched = new List<string>();
        foreach (var (file, origin) in Candidates(explicitPath, fromEnvironment, appDirectory, runtimeIdentifier))
        {
            if (File.Exists(file))
            {
                return (Path.GetFullPath(file), origin);
            }

            searched.Add($"{file} ({origin})");
        }

        throw new OnnxRuntimeException(
            $"The ONNX Runtime native library ({FileName}) was not found. Looked in: {string.Join("; ", searched)}. " +
            $"Rebuild so the Microsoft.ML.OnnxRuntime package copies it into the build output, or set {EnvironmentVariable} to the library file.");
    }

    private static IEnumerable<(string Path, string Origin)> Candidates(string? explicitPath, string? fromEnvironment, string appDirectory, string runtimeIdentifier)
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
        yield return (Path.Combine(appDirectory, "runtimes", runtimeIdentifier, "native", FileName), "NuGet package in the build output");
    }

    private static string FileOrFolder(string path) => Directory.Exists(path) ? Path.Combine(path, FileName) : path;
}
