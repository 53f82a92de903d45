using System.Text.Json.Nodes;
using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors.Export;

/// <summary>
/// Translates a rule set into an Elasticsearch ingest pipeline body (<c>PUT _ingest/pipeline/&lt;id&gt;</c>), so the same
/// rules run inside Elasticsearch and can re-run on stored documents (<c>_update_by_query?pipeline=&lt;id&gt;</c>).
/// Each rule becomes a grok processor whose <c>pattern_definitions</c> carry every pattern it uses from our library
/// (Elasticsearch's own copy differs), then <c>convert</c> processors for int/float fields and <c>append</c> processors
/// for tags. Differences: Elasticsearch grok keeps the first match only (our <c>mode: all</c> finds every one), and
/// the speech normalizers (phone, time, money…) do not run there: those fields stay as matched text. Captures land
/// under <c>extracted.*</c>, the namespace the transcripts mapping keeps for them (<c>flattened</c>), so
/// <c>_update_by_query</c> on the strict-mapped transcripts passes.
/// </summary>
internal static class ElasticsearchPipelineExporter
{
    /// <summary>The object every captured field is written under.</summary>
    public const string FieldNamespace = "extracted";

    private const string MatchedMarker = "_funasr_matched";

    public static JsonObject Export(RuleSet rules, string sourceField = "message")
    {
        var processors = new JsonArray();
        foreach (var rule in rules.Rules)
        {
            var grok = GrokDefinitions.For(rule, FieldNamespace);
            var definitions = new JsonObject();
            foreach (var (name, body) in grok.Definitions)
            {
                definitions[name] = body;
            }
            processors.Add(new JsonObject
            {
                ["grok"] = new JsonObject
                {
                    ["tag"] = rule.Id,
                    ["description"] = $"{rule.Description} ({rule.Location.File}:{rule.Location.Line}, version {rule.Version})",
                    ["field"] = sourceField,
                    ["patterns"] = new JsonArray($"%{{{grok.MarkerPattern}:{MatchedMarker}.{grok.Slug}}}"),
                    ["pattern_definitions"] = definitions,
                    ["ignore_missing"] = true,
                    ["ignore_failure"] = true,
                },
            });
            foreach (var field in rule.Fields.Where(f => f.Type is FieldType.Int or FieldType.Float or FieldType.Bool))
            {
                processors.Add(new JsonObject
                {
                    ["convert"] = new JsonObject
                    {
                        ["field"] = $"{FieldNamespace}.{field.Name}",
                        ["type"] = field.Type switch { FieldType.Int => "long", FieldType.Float => "double", _ => "boolean" },
                        ["ignore_missing"] = true,
                        ["ignore_failure"] = true,
                    },
                });
            }
            if (rule.Tags.Count > 0)
            {
                processors.Add(new JsonObject
                {
                    ["append"] = new JsonObject
                    {
                        ["field"] = "tags",
                        ["value"] = new JsonArray([.. rule.Tags.Select(t => (JsonNode)t)]),
                        ["allow_duplicates"] = false,
                        ["if"] = $"ctx.{MatchedMarker}?.{grok.Slug} != null",
                    },
                });
            }
        }
        processors.Add(new JsonObject { ["remove"] = new JsonObject { ["field"] = MatchedMarker, ["ignore_missing"] = true } });
        return new JsonObject
        {
            ["description"] = $"FunAsr.Pipeline rules from {rules.Directory} (rule pack version {rules.Version})",
            ["_meta"] = new JsonObject { ["rule_pack_version"] = rules.Version, ["generated_by"] = "funasr-pipeline rules export" },
            ["processors"] = processors,
        };
    }
}
