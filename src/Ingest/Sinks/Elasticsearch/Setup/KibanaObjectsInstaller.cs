using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Sets Kibana up for the call-centre indices: imports <c>deploy/kibana/saved-objects.ndjson</c> (data views for
/// transcripts and alerts, saved searches, the dashboard) through <c>POST /api/saved_objects/_import?overwrite=true</c>,
/// which answers 200 even when objects fail, so <c>success</c> and <c>errors</c> are checked; then creates a connector
/// available in the Basic licence (server log, or an index) and an Elasticsearch-query rule over the alerts index.
/// Index names in the objects follow the configured ones.
/// </summary>
internal sealed class KibanaObjectsInstaller(RestConnection kibana, ElasticsearchSinkOptions indices)
{
    /// <summary>Fixed ids so a second run updates instead of duplicating.</summary>
    public const string ConnectorId = "funasr-alerts-connector";

    /// <summary>The rule's fixed id.</summary>
    public const string RuleId = "5f1b0c2e-7a41-4d3c-9c55-0f0a5a1c0de1";

    private static readonly KeyValuePair<string, string>[] Xsrf = [new("kbn-xsrf", "true")];

    /// <summary>
    /// Imports the saved objects, then creates the connector and the rule; returns one line per step.
    /// <paramref name="notificationIndex"/> null uses the server-log connector, else an index connector writing there.
    /// </summary>
    /// <exception cref="ServiceRequestException">Kibana refused a step; the message lists the failed objects.</exception>
    public async Task<IReadOnlyList<string>> InstallAsync(string? notificationIndex, CancellationToken ct)
    {
        var log = new List<string> { await ImportSavedObjectsAsync(ct) };
        log.Add(await CreateIfMissingAsync($"api/actions/connector/{ConnectorId}", Connector(notificationIndex), "connector", ct));
        log.Add(await CreateIfMissingAsync($"api/alerting/rule/{RuleId}", Rule(indices.AlertsIndex, notificationIndex), "rule", ct));
        return log;
    }

    /// <summary>The saved objects with the index patterns rewritten to the configured index names.</summary>
    public byte[] SavedObjects()
    {
        var text = Encoding.UTF8.GetString(DeployResource.Read("kibana/saved-objects.ndjson"))
            .Replace("\"funasr-transcripts*\"", JsonSerializer.Serialize(indices.TranscriptsIndex + "*"))
            .Replace("\"funasr-alerts*\"", JsonSerializer.Serialize(indices.AlertsIndex + "*"));
        return Encoding.UTF8.GetBytes(text);
    }

    private async Task<string> ImportSavedObjectsAsync(CancellationToken ct)
    {
        var file = new ByteArrayContent(SavedObjects());
        file.Headers.ContentType = new("application/ndjson");
        var form = new MultipartFormDataContent { { file, "file", "saved-objects.ndjson" } };
        const string path = "api/saved_objects/_import?overwrite=true";
        var response = (await kibana.SendAsync(HttpMethod.Post, path, form, ct, Xsrf)).EnsureSuccess(kibana.ServiceName, "importing saved objects");
        using var json = response.Json();
        var root = json.RootElement;
        if (!root.TryGetProperty("success", out var success) || !success.GetBoolean())
        {
            var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? string.Join("; ", e.EnumerateArray().Select(x => $"{x.GetProperty("type")}/{x.GetProperty("id")}: {x.GetProperty("error")}"))
                : Encoding.UTF8.GetString(response.Body);
            throw new ServiceRequestException(kibana.ServiceName, $"POST {path}", response.Status,
                $"deploy/kibana/saved-objects.ndjson was not imported (success: false): {errors}");
        }
        return $"imported {root.GetProperty("successCount").GetInt32()} saved objects from deploy/kibana/saved-objects.ndjson";
    }

    private async Task<string> CreateIfMissingAsync(string path, JsonObject body, string what, CancellationToken ct)
    {
        var response = await kibana.SendAsync(HttpMethod.Post, path, JsonContent.Create(body), ct, Xsrf);
        if (response.Status == 409) return $"{what} {path} already exists, left as it is";
        response.EnsureSuccess(kibana.ServiceName, $"creating the {what}");
        return $"created {what} {path}";
    }

    /// <summary>The connector: <c>.server-log</c>, or <c>.index</c> into <paramref name="notificationIndex"/>; both need only Basic.</summary>
    public static JsonObject Connector(string? notificationIndex) => notificationIndex is null
        ? new() { ["name"] = "FunAsr alerts to the Kibana server log", ["connector_type_id"] = ".server-log" }
        : new()
        {
            ["name"] = $"FunAsr alerts to {notificationIndex}",
            ["connector_type_id"] = ".index",
            ["config"] = new JsonObject { ["index"] = notificationIndex, ["refresh"] = false, ["executionTimeField"] = "notified_at" },
        };

    /// <summary>An Elasticsearch-query rule firing when new alert documents arrive (checked every minute over the last 5 minutes).</summary>
    public static JsonObject Rule(string alertsIndex, string? notificationIndex)
    {
        const string message = "{{context.value}} new call alert(s) in the last 5 minutes: {{#context.hits}}{{_source.severity}} {{_source.rule_id}} on call {{_source.call_id}} ({{_source.message}}); {{/context.hits}}";
        JsonNode actionParams = notificationIndex is null
            ? new JsonObject { ["level"] = "warn", ["message"] = message }
            : new JsonObject { ["documents"] = new JsonArray(new JsonObject { ["rule"] = "{{rule.name}}", ["count"] = "{{context.value}}", ["message"] = message }) };
        return new JsonObject
        {
            ["name"] = "FunAsr: new call alerts",
            ["rule_type_id"] = ".es-query",
            ["consumer"] = "stackAlerts",
            ["schedule"] = new JsonObject { ["interval"] = "1m" },
            ["tags"] = new JsonArray("funasr"),
            ["params"] = new JsonObject
            {
                ["searchType"] = "esQuery",
                ["index"] = new JsonArray(alertsIndex + "*"),
                ["timeField"] = "raised_at",
                ["esQuery"] = """{"query":{"match_all":{}}}""",
                ["size"] = 20,
                ["threshold"] = new JsonArray(0),
                ["thresholdComparator"] = ">",
                ["timeWindowSize"] = 5,
                ["timeWindowUnit"] = "m",
                ["excludeHitsFromPreviousRun"] = true,
            },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["group"] = "query matched",
                ["id"] = ConnectorId,
                ["params"] = actionParams,
                ["frequency"] = new JsonObject { ["summary"] = false, ["notify_when"] = "onActiveAlert", ["throttle"] = null },
            }),
        };
    }
}
