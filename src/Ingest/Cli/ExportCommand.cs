using System.CommandLine;
using System.Text;
using System.Text.Json;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks.JsonLines;
using FunAsr.Ingest.Store;

namespace FunAsr.Ingest.Cli;

/// <summary><c>export --format csv|json|ndjson</c>: stored recordings for spreadsheets or for loading into Elasticsearch.</summary>
internal static class ExportCommand
{
    private static readonly string[] CsvColumns =
        ["recording_id", "source_path", "call_id", "agent", "customer_number", "direction", "queue", "started_at",
         "duration_seconds", "channels", "language", "text", "tags", "fields", "alerts", "model_id", "rule_pack_version", "processed_at"];

    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "csv (one row per recording, UTF-8 with BOM for spreadsheets), json (an array of documents) or " +
                          "ndjson (Elasticsearch bulk format: load with curl -H 'Content-Type: application/x-ndjson' --data-binary @file URL/_bulk).",
            Required = true,
        };
        format.AcceptOnlyFromAmong("csv", "json", "ndjson");
        var output = new Option<string?>("--output", "-o") { Description = "File to write (default: standard output)." };
        var index = new Option<string>("--index") { Description = "Index name in ndjson action lines.", DefaultValueFactory = _ => "funasr-recordings" };
        var text = new Argument<string?>("query") { Arity = ArgumentArity.ZeroOrOne, Description = "Only recordings with a segment containing all these words." };
        var fields = CliOptions.Fields();
        var since = CliOptions.Since();
        var limit = CliOptions.Limit(1_000_000);
        var config = CliOptions.Config();
        var command = new Command("export",
            "Export stored recordings (newest first).\nExamples:\n  funasr-pipeline export --format csv -o calls.csv --since 7d\n" +
            "  funasr-pipeline export --format ndjson -o bulk.ndjson\n  funasr-pipeline export --format json --field intent=refund");
        command.Arguments.Add(text);
        foreach (var o in new Option[] { format, output, index, fields, since, limit, config }) command.Options.Add(o);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config));
            var query = new StoreQuery(pr.GetValue(text), [.. (pr.GetValue(fields) ?? []).Select(StoreQuery.ParseField)],
                pr.GetValue(since) is { } s ? StoreQuery.ParseSince(s, DateTimeOffset.UtcNow) : null, pr.GetValue(limit));
            if (!File.Exists(settings.StorePath))
                throw new FormatException($"no embedded store at {settings.StorePath}: run 'funasr-pipeline ingest PATH --once' first");
            var documents = new StoreSearch(new EmbeddedStore(settings.StorePath)).ExportDocuments(query);
            var kind = pr.GetValue(format)!;
            var path = pr.GetValue(output);
            await using var writer = path is null
                ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false))
                : new StreamWriter(path, append: false, new UTF8Encoding(kind == "csv"));
            var count = kind switch
            {
                "csv" => WriteCsv(writer, documents),
                "json" => WriteJson(writer, documents),
                _ => WriteNdjson(writer, documents, pr.GetValue(index)!),
            };
            await writer.FlushAsync(ct);
            if (path is not null) Console.Error.WriteLine($"Exported {count} recording(s) to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return command;
    }

    private static int WriteJson(TextWriter writer, IEnumerable<string> documents)
    {
        var count = 0;
        writer.Write('[');
        foreach (var doc in documents)
        {
            writer.Write(count++ == 0 ? "\n" : ",\n");
            writer.Write(doc);
        }
        writer.Write("\n]\n");
        return count;
    }

    private static int WriteNdjson(TextWriter writer, IEnumerable<string> documents, string index)
    {
        var count = 0;
        foreach (var doc in documents)
        {
            using var parsed = JsonDocument.Parse(doc);
            BulkNdjson.WriteEntry(writer, index, parsed.RootElement.GetProperty("recording_id").GetString()!, doc);
            count++;
        }
        return count;
    }

    private static int WriteCsv(TextWriter writer, IEnumerable<string> documents)
    {
        writer.Write(string.Join(',', CsvColumns) + "\r\n");
        var count = 0;
        foreach (var doc in documents)
        {
            using var parsed = JsonDocument.Parse(doc);
            var row = Row(parsed.RootElement);
            writer.Write(string.Join(',', CsvColumns.Select(c => Quote(row.GetValueOrDefault(c)))) + "\r\n");
            count++;
        }
        return count;
    }

    private static Dictionary<string, string?> Row(JsonElement d)
    {
        string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : null;
        return new Dictionary<string, string?>
        {
            ["recording_id"] = Str(d, "recording_id"),
            ["source_path"] = Str(d, "source_path"),
            ["call_id"] = Str(d, "call_id"),
            ["agent"] = Str(d, "agent"),
            ["customer_number"] = Str(d, "customer_number"),
            ["direction"] = Str(d, "direction"),
            ["queue"] = Str(d, "queue"),
            ["started_at"] = Str(d, "started_at"),
            ["duration_seconds"] = Str(d, "duration_seconds"),
            ["channels"] = Str(d, "channels"),
            ["language"] = Str(d, "language"),
            ["text"] = Str(d, "text"),
            ["tags"] = string.Join(' ', d.GetProperty("tags").EnumerateArray().Select(t => t.GetString())),
            ["fields"] = string.Join("; ", d.GetProperty("fields").EnumerateArray().Select(f => $"{Str(f, "name")}={Str(f, "value") ?? Str(f, "text")}")),
            ["alerts"] = string.Join("; ", d.GetProperty("alerts").EnumerateArray().Select(a => $"{Str(a, "severity")}: {Str(a, "message")}")),
            ["model_id"] = Str(d, "model_id"),
            ["rule_pack_version"] = Str(d, "rule_pack_version"),
            ["processed_at"] = Str(d, "processed_at"),
        };
    }

    /// <summary>RFC 4180 quoting; cells starting with = + - @ get a leading apostrophe so spreadsheets do not run them as formulas.</summary>
    private static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
