using System.Text.Json;

namespace FunAsr.Ingest.Store;

/// <summary>
/// The CSV form of stored documents (one row per recording, RFC 4180), shared by <c>export --format csv</c> and the
/// web page's export, so both give the same file.
/// </summary>
internal static class RecordingCsv
{
    private static readonly string[] Columns =
        ["recording_id", "source_path", "call_id", "agent", "customer_number", "direction", "queue", "started_at",
         "duration_seconds", "channels", "language", "text", "tags", "fields", "alerts", "model_id", "rule_pack_version", "processed_at"];

    /// <summary>Writes the header and one row per stored document JSON; returns the row count.</summary>
    public static int Write(TextWriter writer, IEnumerable<string> documents)
    {
        writer.Write(string.Join(',', Columns) + "\r\n");
        var count = 0;
        foreach (var doc in documents)
        {
            using var parsed = JsonDocument.Parse(doc);
            var row = Row(parsed.RootElement);
            writer.Write(string.Join(',', Columns.Select(c => Quote(row.GetValueOrDefault(c)))) + "\r\n");
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
