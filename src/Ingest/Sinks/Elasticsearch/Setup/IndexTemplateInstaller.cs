using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Installs what the sink writes into, idempotently: the ILM policies (<see cref="LifecyclePolicy"/>), the component
/// templates from <c>deploy/elasticsearch/</c>, an index template for the monthly transcript indices (with the
/// transcripts alias) and a data-stream template for alerts, this month's transcript index and the alerts data stream
/// (so Kibana's data views find their fields before the first call), and the <see cref="IngestRole"/>.
/// </summary>
internal sealed class IndexTemplateInstaller(IRestClient connection, ElasticsearchSinkOptions options, TimeProvider time)
{
    /// <summary>Template and index version recorded in <c>_meta</c> and the template's <c>version</c>.</summary>
    public const int TemplateVersion = 3;

    /// <summary>The <c>_meta.managed_by</c> of everything setup installs.</summary>
    public const string ManagedBy = "funasr-pipeline setup elasticsearch";

    /// <summary>Installs with the system clock (which month's transcript index to create).</summary>
    public IndexTemplateInstaller(IRestClient connection, ElasticsearchSinkOptions options)
        : this(connection, options, TimeProvider.System)
    {
    }

    /// <summary>Puts policies, templates and the role and creates missing indices; returns one line per step for the console.</summary>
    /// <exception cref="ServiceRequestException">Elasticsearch refused a step; the message names it.</exception>
    public async Task<IReadOnlyList<string>> InstallAsync(CancellationToken ct)
    {
        var log = new List<string>();
        var transcripts = options.TranscriptsIndex;
        var alerts = options.AlertsIndex;
        await PutAsync($"_ilm/policy/{LifecyclePolicy.NameFor(transcripts)}", LifecyclePolicy.Transcripts(options.RetentionDays), log, ct);
        await PutAsync($"_ilm/policy/{LifecyclePolicy.NameFor(alerts)}", LifecyclePolicy.Alerts(options.RetentionDays), log, ct);
        await PutAsync($"_component_template/{transcripts}-settings", Load("transcripts-settings.json"), log, ct);
        await PutAsync($"_component_template/{transcripts}-mappings", Load("transcripts-mappings.json"), log, ct);
        await PutAsync($"_component_template/{alerts}-mappings", Load("alerts-mappings.json"), log, ct);
        await PutAsync($"_index_template/{transcripts}", TranscriptsTemplate(), log, ct);
        await PutAsync($"_index_template/{alerts}", AlertsTemplate(), log, ct);
        await CreateAsync(options.TranscriptsIndexFor(time.GetUtcNow()), log, ct);
        await CreateAsync($"_data_stream/{alerts}", log, ct);
        await PutAsync($"_security/role/{IngestRole.NameFor(options)}", IngestRole.Descriptor(options), log, ct);
        return log;
    }

    /// <summary>
    /// The transcripts index template: monthly indices <c>&lt;name&gt;-yyyy.MM.dd</c> under the alias <c>&lt;name&gt;</c>,
    /// aged from the date in their name by the delete-only lifecycle policy.
    /// </summary>
    public JsonObject TranscriptsTemplate() => IndexTemplate(
        options.TranscriptsIndex + "-*", 200, [$"{options.TranscriptsIndex}-settings", $"{options.TranscriptsIndex}-mappings"],
        new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["index.lifecycle.name"] = LifecyclePolicy.NameFor(options.TranscriptsIndex),
                ["index.lifecycle.parse_origination_date"] = true,
            },
            ["aliases"] = new JsonObject { [options.TranscriptsIndex] = new JsonObject() },
        });

    /// <summary>The alerts template: a data stream with the rollover-and-delete lifecycle policy.</summary>
    public JsonObject AlertsTemplate()
    {
        var template = IndexTemplate(
            options.AlertsIndex + "*", 201, [$"{options.AlertsIndex}-mappings"],
            new JsonObject { ["settings"] = new JsonObject { ["index.lifecycle.name"] = LifecyclePolicy.NameFor(options.AlertsIndex) } });
        template["data_stream"] = new JsonObject();
        return template;
    }

    private static JsonObject IndexTemplate(string pattern, int priority, string[] components, JsonObject template) => new()
    {
        ["index_patterns"] = new JsonArray(pattern),
        ["priority"] = priority,
        ["composed_of"] = new JsonArray([.. components.Select(c => (JsonNode)c)]),
        ["template"] = template,
        ["version"] = TemplateVersion,
        ["_meta"] = new JsonObject { ["managed_by"] = ManagedBy },
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

    private async Task CreateAsync(string path, List<string> log, CancellationToken ct)
    {
        var response = await connection.SendAsync(HttpMethod.Put, path, null, ct);
        if (response.Status == 400 && response.ErrorSummary().StartsWith("resource_already_exists_exception", StringComparison.Ordinal))
        {
            log.Add($"PUT {path}: already exists (templates apply to new indices only: the next month's index or the next rollover picks up changes)");
            return;
        }
        response.EnsureSuccess(connection.ServiceName, $"creating {path}");
        log.Add($"PUT {path}: created");
    }
}
