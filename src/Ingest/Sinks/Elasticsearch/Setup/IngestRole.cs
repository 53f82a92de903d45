using System.Text.Json.Nodes;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// The least privilege the ingest host needs, as one role descriptor used twice: as the named role
/// <see cref="Name"/> (for users, e.g. a Logstash or Kibana user) and inline in the ingest host's API key (an API key
/// cannot name a role). On the transcript and alert indices only: <c>create_doc</c>/<c>index</c> to write (the
/// transcript overwrites by id), <c>auto_configure</c> to let the first write create the month's index or the data
/// stream from the templates, <c>read</c> for <c>search --elasticsearch</c>, <c>view_index_metadata</c> for the
/// readiness check; cluster <c>monitor</c> for <c>GET /</c>. No <c>delete_index</c>, <c>manage</c> or template rights.
/// </summary>
internal static class IngestRole
{
    /// <summary>The role's name and the API key's name.</summary>
    public const string Name = "funasr-ingest";

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
        ["name"] = Name,
        ["role_descriptors"] = new JsonObject { [Name] = Descriptor(options) },
        ["metadata"] = new JsonObject { ["managed_by"] = IndexTemplateInstaller.ManagedBy },
    };
}
