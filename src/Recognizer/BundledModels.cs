namespace FunAsr.Recognizer;

/// <summary>
/// Where the default model lives: <c>FUNASR_MODEL_DIR</c> when set; otherwise the bundled <c>models/demo-callcentre</c>
/// when it holds a model, else <c>models/test-tiny</c>, each found by walking up from the application folder (so it
/// works from the repo, from build output, and from an installed copy with <c>models/</c> beside the app).
/// </summary>
internal static class BundledModels
{
    public const string EnvironmentVariable = "FUNASR_MODEL_DIR";
    public const string Demo = "demo-callcentre";
    public const string TestTiny = "test-tiny";

    public static string DefaultDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        return Find(Demo) ?? Find(TestTiny) ?? Path.Combine("models", Demo);
    }

    private static string? Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", name);
            if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.onnx").Any())
            {
                return candidate;
            }
        }

        return null;
    }
}
