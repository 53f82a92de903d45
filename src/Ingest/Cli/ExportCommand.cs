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
                "csv" => RecordingCsv.Write(writer, documents),
                "json" => DocumentArray.Write(writer, documents),
                _ => WriteNdjson(writer, documents, pr.GetValue(index)!),
            };
            await writer.FlushAsync(ct);
            if (path is not null) Console.Error.WriteLine($"Exported {count} recording(s) to {Path.GetFullPath(path)}.");
            return 0;
        }));
        return command;
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
}
