using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Sets Kibana up for the call-centre indices: imports <c>deploy/kibana/saved-objects.ndjson</c> (data views for
/// transcripts and alerts, saved searches overall and per intent, Lens visualizations, the dashboard; all with
/// migration versions) through <c>POST /api/saved_objects/_import?overwrite=true</c>, which answers 200 even when
/// objects fail, so <c>success</c> and <c>errors</c> are checked; then makes a connector available in the Basic licence
/// (server log, or an index) and an Elasticsearch-query rule over the alerts data stream match what setup would
/// create: each is read, created when missing (404), updated in place (PUT) when it differs, left alone when it
/// already matches. Index names in the objects follow the configured ones.
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
        log.Add(await ReconcileAsync($"api/actions/connector/{ConnectorId}", Connector(notificationIndex), "connector", ["connector_type_id"], ct));
        log.Add(await ReconcileAsync($"api/alerting/rule/{RuleId}", Rule(indices.AlertsIndex, notificationIndex), "rule", ["rule_type_id", "consumer"], ct));
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

    /// <summary>
    /// Creates the object at <paramref name="path"/>, or updates it with <paramref name="desired"/> minus the
    /// properties Kibana fixes at creation (<paramref name="createOnly"/>), unless it already holds the desired content.
    /// A changed create-only property (e.g. the connector type) cannot be updated, so that is an error naming it.
    /// </summary>
    private async Task<string> ReconcileAsync(string path, JsonObject desired, string what, string[] createOnly, CancellationToken ct)
    {
        var current = await kibana.SendAsync(HttpMethod.Get, path, null, ct, Xsrf);
        if (current.Status == 404)
        {
            (await kibana.SendAsync(HttpMethod.Post, path, JsonContent.Create(desired), ct, Xsrf)).EnsureSuccess(kibana.ServiceName, $"creating the {what}");
            return $"created {what} {path}";
        }
        current.EnsureSuccess(kibana.ServiceName, $"reading the {what}");
        var stored = JsonNode.Parse(current.Body) as JsonObject
            ?? throw new ServiceRequestException(kibana.ServiceName, current.Request, current.Status, $"the {what} is not a JSON object");
        var update = new JsonObject();
        foreach (var (key, value) in desired)
        {
            if (!createOnly.Contains(key)) update[key] = value?.DeepClone();
            else if (!JsonCoverage.Covers(value, stored[key]))
                throw new ServiceRequestException(kibana.ServiceName, current.Request, current.Status,
                    $"the {what} has {key} {stored[key]?.ToJsonString() ?? "(none)"}, setup wants {value?.ToJsonString()}; Kibana cannot change it in place, delete the {what} and run setup again");
        }
        if (JsonCoverage.Covers(update, stored)) return $"{what} {path} is up to date";
        (await kibana.SendAsync(HttpMethod.Put, path, JsonContent.Create(update), ct, Xsrf)).EnsureSuccess(kibana.ServiceName, $"updating the {what}");
        return $"updated {what} {path}";
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
                ["timeField"] = "event.ingested",
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
