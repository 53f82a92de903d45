using System.Reflection;

namespace FunAsr.Bench;

/// <summary>Finds committed fixtures from the benchmark assembly (the RepoRoot metadata set in Directory.Build.props).</summary>
internal static class BenchPaths
{
    public static string Root { get; } = typeof(BenchPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Of(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));
}
