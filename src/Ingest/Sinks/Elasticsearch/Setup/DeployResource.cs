using System.Reflection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// The files under <c>deploy/elasticsearch</c> and <c>deploy/kibana</c>, embedded in the executable so
/// <c>setup</c> works from the container image and from a build alike. The repository files stay the one source.
/// </summary>
internal static class DeployResource
{
    /// <summary>The bytes of <c>deploy/&lt;relativePath&gt;</c>, e.g. <c>kibana/saved-objects.ndjson</c>.</summary>
    public static byte[] Read(string relativePath)
    {
        using var stream = typeof(DeployResource).Assembly.GetManifestResourceStream("deploy/" + relativePath)
            ?? throw new InvalidOperationException(
                $"deploy/{relativePath} is not embedded in {typeof(DeployResource).Assembly.GetName().Name} (see the EmbeddedResource items in FunAsr.Ingest.csproj)");
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
