using System.Text.Json.Nodes;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// The ILM policies <c>setup elasticsearch</c> installs. Transcripts live in monthly indices named after the month's
/// last day and read their age from that name (<c>index.lifecycle.parse_origination_date</c>), so the policy only
/// deletes: no rollover, which would split one recording's revisions over two indices. The alerts data stream rolls
/// over in the hot phase (30 days or 50 GB per primary shard) and each backing index is deleted after the retention.
/// </summary>
internal static class LifecyclePolicy
{
    /// <summary>The policy name for <paramref name="index"/>.</summary>
    public static string NameFor(string index) => index + "-lifecycle";

    /// <summary>Hot, then delete <paramref name="retentionDays"/> after the month of the index ended.</summary>
    public static JsonObject Transcripts(int retentionDays) => Policy(new JsonObject(), retentionDays);

    /// <summary>Hot with rollover, then delete <paramref name="retentionDays"/> after the rollover.</summary>
    public static JsonObject Alerts(int retentionDays) => Policy(
        new JsonObject { ["rollover"] = new JsonObject { ["max_age"] = "30d", ["max_primary_shard_size"] = "50gb" } },
        retentionDays);

    private static JsonObject Policy(JsonObject hotActions, int retentionDays) => new()
    {
        ["policy"] = new JsonObject
        {
            ["phases"] = new JsonObject
            {
                ["hot"] = new JsonObject { ["min_age"] = "0ms", ["actions"] = hotActions },
                ["delete"] = new JsonObject { ["min_age"] = $"{retentionDays}d", ["actions"] = new JsonObject { ["delete"] = new JsonObject() } },
            },
            ["_meta"] = new JsonObject { ["managed_by"] = IndexTemplateInstaller.ManagedBy },
        },
    };
}
