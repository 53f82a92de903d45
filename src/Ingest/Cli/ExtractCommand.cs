using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Extractors;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>extract</c>: run a rule directory over text arguments, stdin lines, or NDJSON events (a <c>text</c> or
/// <c>message</c> field), writing NDJSON with fields added: a filter step for a log pipeline.
/// </summary>
internal static class ExtractCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var rulesDir = new Option<string>("--rules")
        {
            Description = "The rule directory.",
            DefaultValueFactory = _ => "rules",
        };
        var language = new Option<string?>("--lang") { Description = "Language of the text (zh, en); rules limited to another language are skipped. Default: every rule runs." };
        var speaker = new Option<string?>("--speaker") { Description = "Speaker label (agent, customer) for rules with when.speaker." };
        var scope = new Option<string>("--scope")
        {
            Description = "segment (a turn or a log line) or transcript (a whole call); rules run on the scope they declare.",
            DefaultValueFactory = _ => "segment",
        };
        scope.AcceptOnlyFromAmong("segment", "transcript");
        var text = new Argument<string[]>("text")
        {
            Description = "Text to extract from, one output line each. Without any, stdin is read line by line; a line that is a JSON object is an event whose text or message field is used and which is written back with the results added.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("extract",
            "Extract fields, tags and alerts with a rule directory. Output is NDJSON: fields (name → value or list), matches " +
            "(each field with rule, span and type), tags, alerts, failures, redacted_text.\n" +
            "Examples:\n" +
            "  funasr-pipeline extract --rules rules/ 我的手机号是13812345678\n" +
            "  echo '{\"message\":\"our hours are 9 to 5 p.m. weekdays\"}' | funasr-pipeline extract --lang en\n" +
            "  tail -f calls.ndjson | funasr-pipeline extract --rules rules/ > enriched.ndjson");
        command.Options.Add(rulesDir);
        command.Options.Add(language);
        command.Options.Add(speaker);
        command.Options.Add(scope);
        command.Arguments.Add(text);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var extractor = new Extractor(RuleSet.Load(pr.GetValue(rulesDir)!));
            var output = pr.InvocationConfiguration.Output;
            var inputScope = pr.GetValue(scope) == "transcript" ? ExtractionScope.Transcript : ExtractionScope.Segment;
            var lines = pr.GetValue(text) is { Length: > 0 } given ? given.ToAsyncEnumerable() : ReadLines(Console.In, ct);
            await foreach (var line in lines)
            {
                var evt = ParseEvent(line, out var input);
                var result = extractor.Extract(new ExtractionInput(input, pr.GetValue(speaker), Language: pr.GetValue(language)) { Scope = inputScope });
                AddResult(evt, result);
                await output.WriteLineAsync(evt.ToJsonString(Json));
            }
            return 0;
        }));
        return command;
    }

    private static JsonObject ParseEvent(string line, out string text)
    {
        if (line.TrimStart().StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(line) is JsonObject evt)
                {
                    var field = evt["text"] ?? evt["message"];
                    text = field is JsonValue value && value.TryGetValue<string>(out var s) ? s : field?.ToJsonString() ?? "";
                    return evt;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: treat the line as text.
            }
        }
        text = line;
        return new JsonObject { ["text"] = line };
    }

    private static void AddResult(JsonObject evt, ExtractionResult result)
    {
        var fields = new JsonObject();
        foreach (var byName in result.Fields.GroupBy(f => f.Name))
        {
            var values = byName.Select(f => JsonSerializer.SerializeToNode(f.Value, Json)).ToArray();
            fields[byName.Key] = values.Length == 1 ? values[0] : new JsonArray(values);
        }
        evt["fields"] = fields;
        evt["matches"] = JsonSerializer.SerializeToNode(result.Fields.Select(f => new
        {
            f.Name, f.Type, f.Value, f.Text, f.Start, f.Length, Rule = f.RuleId, f.RuleVersion,
        }), Json);
        evt["tags"] = JsonSerializer.SerializeToNode(result.Tags, Json);
        evt["alerts"] = JsonSerializer.SerializeToNode(result.Alerts.Select(a => new { Rule = a.RuleId, a.Severity, a.Message }), Json);
        if (result.Failures.Count > 0)
        {
            evt["failures"] = JsonSerializer.SerializeToNode(result.Failures, Json);
        }
        if (result.RedactedText != (evt["text"] ?? evt["message"])?.GetValue<string>())
        {
            evt["redacted_text"] = result.RedactedText;
        }
    }

    private static async IAsyncEnumerable<string> ReadLines(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length > 0)
            {
                yield return line;
            }
        }
    }
}
