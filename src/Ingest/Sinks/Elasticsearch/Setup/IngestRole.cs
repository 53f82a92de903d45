using System.Text.Json.Nodes;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// The least privilege the ingest host needs, as one role descriptor used twice: as the named role
/// <see cref="NameFor"/> (for users, e.g. a Logstash or Kibana user) and inline in the ingest host's API key (an API key
/// cannot name a role). On the transcript and alert indices only: <c>create_doc</c>/<c>index</c> to write (the
/// transcript overwrites by id), <c>auto_configure</c> to let the first write create the month's index or the data
/// stream from the templates, <c>read</c> for <c>search --elasticsearch</c>, <c>view_index_metadata</c> for the
/// readiness check; cluster <c>monitor</c> for <c>GET /</c>. No <c>delete_index</c>, <c>manage</c> or template rights.
/// </summary>
internal static class IngestRole
{
    /// <summary>
    /// The role's and the API key's name: the prefix the two index names share, plus <c>-ingest</c>
    /// (<c>funasr-ingest</c> for the defaults), so installations with other index names do not overwrite each other's role.
    /// </summary>
    public static string NameFor(ElasticsearchSinkOptions options)
    {
        var a = options.TranscriptsIndex;
        var b = options.AlertsIndex;
        var shared = 0;
        while (shared < Math.Min(a.Length, b.Length) && a[shared] == b[shared]) shared++;
        var prefix = a[..shared].TrimEnd('-', '_', '.');
        return (prefix.Length > 0 ? prefix : a) + "-ingest";
    }

    /// <summary>The role descriptor for the configured index names.</summary>
    public static JsonObject Descriptor(ElasticsearchSinkOptions options) => new()
    {
        ["cluster"] = new JsonArray("monitor"),
        ["indices"] = new JsonArray(new JsonObject
        {
            ["names"] = new JsonArray(options.TranscriptsIndex + "*", options.AlertsIndex + "*"),
            ["privileges"] = new JsonArray("create_doc", "index", "auto_configure", "read", "view_index_metadata"),
        }),
        ["metadata"] = new JsonObject { ["managed_by"] = IndexTemplateInstaller.ManagedBy },
    };

    /// <summary>The body of <c>POST _security/api_key</c> for the ingest host: no expiry, the role inline.</summary>
    public static JsonObject ApiKeyRequest(ElasticsearchSinkOptions options) => new()
    {
        ["name"] = NameFor(options),
        ["role_descriptors"] = new JsonObject { [NameFor(options)] = Descriptor(options) },
        ["metadata"] = new JsonObject { ["managed_by"] = IndexTemplateInstaller.ManagedBy },
    };
}
