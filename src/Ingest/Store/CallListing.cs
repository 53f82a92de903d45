using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using static FunAsr.Ingest.Persistence.SqliteDatabase;

namespace FunAsr.Ingest.Store;

/// <summary>
/// The web page's reads of the embedded store: a page of calls for a <see cref="CallFilter"/> (with the total), the
/// same calls' documents for export, and the values the filters offer. Text terms go through the FTS5 trigram table
/// as in <see cref="StoreSearch"/>; a page is read through the <c>processed_at</c> index, so its cost does not grow
/// with the store.
/// </summary>
internal sealed class CallListing(EmbeddedStore store)
{
    /// <summary>Severities from worst to least, for the "worst alert" of a call.</summary>
    private static readonly string[] SeverityOrder = ["critical", "high", "warning", "medium", "low", "info"];

    public (int Total, IReadOnlyList<CallSummary> Calls) Page(CallFilter filter)
    {
        var parameters = new List<(string, object?)>();
        var where = Where(filter, parameters);
        using var connection = store.Database.Open();
        int total;
        using (var count = Command(connection, $"SELECT COUNT(*) FROM recordings r WHERE {where}", [.. parameters]))
            total = Convert.ToInt32(count.ExecuteScalar(), CultureInfo.InvariantCulture);
        parameters.Add(("$limit", filter.PageSize));
        parameters.Add(("$offset", filter.Page * filter.PageSize));
        using var command = Command(connection, $"""
            SELECT r.id, r.call_id, r.agent, r.direction, r.started_at, r.processed_at, r.duration_seconds, r.language, r.tags,
              (SELECT COUNT(*) FROM alerts a WHERE a.recording_id = r.id),
              (SELECT group_concat(DISTINCT a.severity) FROM alerts a WHERE a.recording_id = r.id)
            FROM recordings r WHERE {where}
            ORDER BY r.processed_at DESC LIMIT $limit OFFSET $offset
            """, [.. parameters]);
        var calls = new List<CallSummary>();
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                calls.Add(new CallSummary(
                    reader.GetString(0), NullableString(reader, "call_id"), NullableString(reader, "agent"),
                    NullableString(reader, "direction"), reader.IsDBNull(4) ? null : ParseStamp(reader.GetString(4)),
                    ParseStamp(reader.GetString(5)), reader.GetDouble(6), reader.GetString(7),
                    reader.GetString(8).Split(' ', StringSplitOptions.RemoveEmptyEntries), reader.GetInt32(9),
                    reader.IsDBNull(10) ? null : Worst(reader.GetString(10).Split(',')), null));
        return (total, filter.Terms.Count == 0 ? calls : [.. calls.Select(c => c with { Hit = FirstHit(connection, c, filter) })]);
    }

    /// <summary>Stored document JSON of every call the filter matches (all pages), newest first, for export.</summary>
    public IEnumerable<string> Documents(CallFilter filter)
    {
        var parameters = new List<(string, object?)>();
        var where = Where(filter, parameters);
        using var connection = store.Database.Open();
        using var command = Command(connection, $"SELECT r.document_json FROM recordings r WHERE {where} ORDER BY r.processed_at DESC", [.. parameters]);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader.GetString(0);
    }

    /// <summary>The values the filters can take, from what is stored: tags, severities, field names, speakers, languages.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Choices()
    {
        using var connection = store.Database.Open();
        IReadOnlyList<string> Distinct(string sql)
        {
            using var command = Command(connection, sql);
            using var reader = command.ExecuteReader();
            var values = new List<string>();
            while (reader.Read()) if (!reader.IsDBNull(0)) values.Add(reader.GetString(0));
            return values;
        }
        var tags = Distinct("SELECT DISTINCT tags FROM recordings WHERE tags <> ''")
            .SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Dictionary<string, IReadOnlyList<string>>
        {
            ["tags"] = tags,
            ["severities"] = Distinct("SELECT DISTINCT severity FROM alerts ORDER BY 1"),
            ["fields"] = Distinct("SELECT DISTINCT name FROM fields ORDER BY 1"),
            ["speakers"] = Distinct("SELECT DISTINCT speaker FROM segments WHERE speaker IS NOT NULL ORDER BY 1"),
            ["languages"] = Distinct("SELECT DISTINCT language FROM recordings WHERE language <> '' ORDER BY 1"),
        };
    }

    private static string? Worst(string[] severities) =>
        SeverityOrder.FirstOrDefault(s => severities.Contains(s, StringComparer.OrdinalIgnoreCase)) ?? severities.FirstOrDefault();

    private static SearchHit? FirstHit(SqliteConnection connection, CallSummary call, CallFilter filter)
    {
        var parameters = new List<(string, object?)> { ("$id", call.RecordingId) };
        var terms = StoreSearch.TermFilter(filter.Terms, parameters);
        using var command = Command(connection, $"""
            SELECT s.start_seconds, s.end_seconds, s.channel, s.speaker, s.text
            FROM segments_fts f JOIN segments s ON s.id = f.rowid
            WHERE s.recording_id = $id AND {terms} ORDER BY s.seq LIMIT 1
            """, [.. parameters]);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var text = reader.GetString(4);
        return new SearchHit(call.RecordingId, "", call.CallId, call.StartedAt,
            TimeSpan.FromSeconds(reader.GetDouble(0)), TimeSpan.FromSeconds(reader.GetDouble(1)), reader.GetInt32(2),
            reader.IsDBNull(3) ? null : reader.GetString(3), text, StoreSearch.Highlight(text, filter.Terms));
    }

    private static string Where(CallFilter filter, List<(string, object?)> parameters)
    {
        var sql = new StringBuilder("1 = 1");
        void Add(string clause, string name, object value)
        {
            sql.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }
        if (filter.From is { } from) Add("COALESCE(r.started_at, r.processed_at) >= $from", "$from", Stamp(from));
        if (filter.To is { } to) Add("COALESCE(r.started_at, r.processed_at) <= $to", "$to", Stamp(to));
        if (filter.Tag is { Length: > 0 } tag) Add("(' ' || r.tags || ' ') LIKE $tag ESCAPE '\\'", "$tag", "% " + StoreSearch.EscapeLike(tag) + " %");
        if (filter.Severity is { Length: > 0 } severity)
            Add("EXISTS (SELECT 1 FROM alerts a WHERE a.recording_id = r.id AND a.severity = $severity)", "$severity", severity);
        if (filter.Field is { Length: > 0 } field)
            Add("EXISTS (SELECT 1 FROM fields x WHERE x.recording_id = r.id AND x.name = $field)", "$field", field);
        if (filter.Language is { Length: > 0 } language) Add("r.language = $language", "$language", language);
        if (filter.Terms.Count > 0)
        {
            var speaker = filter.Speaker is { Length: > 0 } ? " AND s.speaker = $speaker" : "";
            sql.Append(CultureInfo.InvariantCulture,
                $" AND r.id IN (SELECT s.recording_id FROM segments_fts f JOIN segments s ON s.id = f.rowid WHERE {StoreSearch.TermFilter(filter.Terms, parameters)}{speaker})");
            if (speaker.Length > 0) parameters.Add(("$speaker", filter.Speaker));
        }
        else if (filter.Speaker is { Length: > 0 } speaker)
        {
            Add("EXISTS (SELECT 1 FROM segments s WHERE s.recording_id = r.id AND s.speaker = $speaker)", "$speaker", speaker);
        }
        return sql.ToString();
    }
}
