using System.Reflection;

namespace FunAsr.Tests.Support;

/// <summary>Locates committed fixtures (samples/, models/, rules/, tests/testdata/) and ../shared from a test assembly.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Of(params string[] parts) => Path.GetFullPath(Path.Combine([Root, .. parts]));

    /// <summary>The peer conformance vectors live beside the checkout, in ../shared/conformance.</summary>
    public static string Shared(params string[] parts) => Of([.. new[] { "..", "shared" }, .. parts]);
}
