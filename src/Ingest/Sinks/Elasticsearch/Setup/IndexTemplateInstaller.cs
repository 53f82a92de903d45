using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Installs what the sink writes into, idempotently: the component templates from <c>deploy/elasticsearch/</c>, one
/// composable index template each for transcripts and alerts (patterns follow the configured index names), and the two
/// indices themselves so Kibana's data views find their fields before the first call is indexed.
/// </summary>
internal sealed class IndexTemplateInstaller(RestConnection connection, ElasticsearchSinkOptions options)
{
    /// <summary>Template and index version recorded in <c>_meta</c> and the template's <c>version</c>.</summary>
    public const int TemplateVersion = 1;

    /// <summary>Puts the templates and creates missing indices; returns one line per step for the console.</summary>
    /// <exception cref="ServiceRequestException">Elasticsearch refused a step; the message names it.</exception>
    public async Task<IReadOnlyList<string>> InstallAsync(CancellationToken ct)
    {
        var log = new List<string>();
        var transcripts = options.TranscriptsIndex;
        var alerts = options.AlertsIndex;
        await PutAsync($"_component_template/{transcripts}-settings", Load("transcripts-settings.json"), log, ct);
        await PutAsync($"_component_template/{transcripts}-mappings", Load("transcripts-mappings.json"), log, ct);
        await PutAsync($"_component_template/{alerts}-mappings", Load("alerts-mappings.json"), log, ct);
        await PutAsync($"_index_template/{transcripts}", IndexTemplate(transcripts, 200, $"{transcripts}-settings", $"{transcripts}-mappings"), log, ct);
        await PutAsync($"_index_template/{alerts}", IndexTemplate(alerts, 201, $"{alerts}-mappings"), log, ct);
        await CreateIndexAsync(transcripts, log, ct);
        await CreateIndexAsync(alerts, log, ct);
        return log;
    }

    /// <summary>The index template body for <paramref name="index"/>: its pattern, priority and components.</summary>
    public static JsonObject IndexTemplate(string index, int priority, params string[] components) => new()
    {
        ["index_patterns"] = new JsonArray(index + "*"),
        ["priority"] = priority,
        ["composed_of"] = new JsonArray(components.Select(c => (JsonNode)c).ToArray()),
        ["version"] = TemplateVersion,
        ["_meta"] = new JsonObject { ["managed_by"] = "funasr-pipeline setup elasticsearch" },
    };

    private static JsonNode Load(string file) =>
        JsonNode.Parse(DeployResource.Read("elasticsearch/" + file))
        ?? throw new InvalidOperationException($"deploy/elasticsearch/{file} is empty");

    private async Task PutAsync(string path, JsonNode body, List<string> log, CancellationToken ct)
    {
        var response = await connection.SendAsync(HttpMethod.Put, path, JsonContent.Create(body), ct);
        response.EnsureSuccess(connection.ServiceName, $"installing {path}");
        log.Add($"PUT {path}: ok");
    }

    private async Task CreateIndexAsync(string index, List<string> log, CancellationToken ct)
    {
        var response = await connection.SendAsync(HttpMethod.Put, index, null, ct);
        if (response.Status == 400 && response.ErrorSummary().StartsWith("resource_already_exists_exception", StringComparison.Ordinal))
        {
            log.Add($"PUT {index}: already exists (templates apply to new indices only; reindex to pick up mapping changes)");
            return;
        }
        response.EnsureSuccess(connection.ServiceName, $"creating index {index}");
        log.Add($"PUT {index}: created");
    }
}
