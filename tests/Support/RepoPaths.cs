using System.Reflection;

namespace FunAsr.Tests.Support;

/// <summary>Locates committed fixtures (samples/, models/, rules/, tests/testdata/) and ../shared from a test assembly.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Of(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    /// <summary>
    /// The peer conformance vectors live beside the checkout, in ../shared (or where FUNASR_SHARED_DIR points).
    /// They are not part of the repository, so a checkout without them reports the suite as skipped instead of failing.
    /// </summary>
    public static bool TryShared(out string path, params string[] parts)
    {
        string shared = Environment.GetEnvironmentVariable("FUNASR_SHARED_DIR") is { Length: > 0 } dir
            ? dir
            : Of("..", "shared");
        path = Path.GetFullPath(Path.Combine([shared, .. parts]));
        return Directory.Exists(path);
    }

    public static string SkippedBecauseSharedIsMissing(string path) =>
        $"SKIPPED: peer vectors not found at {path}; check out ../shared beside the repository or set FUNASR_SHARED_DIR.";
}
