namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Finds <c>silero_vad.onnx</c>: an explicit path (<see cref="VadOptions.ModelPath"/>), the <c>SILERO_VAD_PATH</c>
/// environment variable, the application folder, then the shipped <c>models/silero-vad/</c> found by walking up from
/// the application folder (the repository, build output, publish folder and installed tool all have it).
/// </summary>
internal static class SileroModelLocator
{
    public const string EnvironmentVariable = "SILERO_VAD_PATH";
    public const string FileName = "silero_vad.onnx";

    /// <summary>The model file, or null with the places searched in <paramref name="searched"/>.</summary>
    public static string? Locate(string? explicitPath, out string searched) =>
        Locate(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory, out searched);

    internal static string? Locate(string? explicitPath, string? fromEnvironment, string appDirectory, out string searched)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(explicitPath);
        }
        else if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(fromEnvironment);
        }
        else
        {
            candidates.Add(Path.Combine(appDirectory, FileName));
            for (var dir = new DirectoryInfo(appDirectory); dir is not null; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, "models", "silero-vad", FileName));
            }
        }

        searched = candidates.Count > 3 ? $"{candidates[0]}, models/silero-vad/{FileName} above {appDirectory}" : string.Join(", ", candidates);
        return candidates.Where(File.Exists).Select(Path.GetFullPath).FirstOrDefault();
    }
}
