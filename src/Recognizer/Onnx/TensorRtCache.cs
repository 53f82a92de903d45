namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Where TensorRT keeps the engines it builds (building one takes minutes; a cached one loads in seconds):
/// <c>FUNASR_TENSORRT_CACHE</c> when set, else <c>$XDG_CACHE_HOME/funasr-pipeline/tensorrt</c>, else
/// <c>~/.cache/funasr-pipeline/tensorrt</c>.
/// </summary>
internal static class TensorRtCache
{
    public const string EnvironmentVariable = "FUNASR_TENSORRT_CACHE";

    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var cacheHome = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cacheHome, "funasr-pipeline", "tensorrt");
    }
}
