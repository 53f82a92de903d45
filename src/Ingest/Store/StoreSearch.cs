using System.Globalization;
using System.Text;
using static FunAsr.Ingest.Persistence.SqliteDatabase;

namespace FunAsr.Ingest.Store;

/// <summary>
/// Reads the embedded store for <c>search</c>, <c>export</c> and <c>/v1/search</c>. Text terms are matched with
/// <c>LIKE</c> on the FTS5 trigram table, which SQLite answers from the trigram index for terms of three or more
/// characters (see https://sqlite.org/fts5.html#the_trigram_tokenizer).
/// </summary>
internal sealed class StoreSearch(EmbeddedStore store)
{
    public IReadOnlyList<SearchHit> Search(StoreQuery query)
    {
        var parameters = new List<(string, object?)>();
        var recordingFilter = RecordingFilter(query, "r", parameters);
        string sql;
        if (query.Terms.Count > 0)
        {
            var terms = TermFilter(query.Terms, parameters);
            sql = $"""
                SELECT r.id, r.source_path, r.call_id, r.started_at, s.start_seconds, s.end_seconds, s.channel, s.speaker, s.text
                FROM segments_fts f JOIN segments s ON s.id = f.rowid JOIN recordings r ON r.id = s.recording_id
                WHERE {terms}{recordingFilter}
                ORDER BY r.processed_at DESC, s.seq LIMIT $limit
                """;
        }
        else if (query.Fields.Count > 0)
        {
            parameters.Add(("$fname", query.Fields[0].Name));
            parameters.Add(("$fvalue", query.Fields[0].Value));
            sql = $"""
                SELECT r.id, r.source_path, r.call_id, r.started_at, fl.start_seconds, fl.end_seconds, fl.channel, fl.speaker, fl.text
                FROM fields fl JOIN recordings r ON r.id = fl.recording_id
                WHERE fl.name = $fname AND (fl.value_text = $fvalue OR fl.text = $fvalue){recordingFilter}
                ORDER BY r.processed_at DESC LIMIT $limit
                """;
        }
        else
        {
            throw new FormatException("give search words, a --field name=value, or both");
        }
        parameters.Add(("$limit", query.Limit));
        using var connection = store.Database.Open();
        using var command = Command(connection, sql, [.. parameters]);
        using var reader = command.ExecuteReader();
        var hits = new List<SearchHit>();
        while (reader.Read())
        {
            var text = reader.GetString(8);
            hits.Add(new SearchHit(
                reader.GetString(0), reader.GetString(1), NullableString(reader, "call_id"),
                reader.IsDBNull(3) ? null : ParseStamp(reader.GetString(3)),
                reader.IsDBNull(4) ? null : TimeSpan.FromSeconds(reader.GetDouble(4)),
                reader.IsDBNull(5) ? null : TimeSpan.FromSeconds(reader.GetDouble(5)),
                reader.IsDBNull(6) ? null : reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                text, Highlight(text, query.Terms.Count > 0 ? query.Terms : [.. query.Fields.Select(f => f.Value)])));
        }
        return hits;
    }

    /// <summary>Stored document JSON of every recording that matches (all of them when the query is empty), newest first.</summary>
    public IEnumerable<string> ExportDocuments(StoreQuery query)
    {
        var parameters = new List<(string, object?)>();
        var where = "1 = 1" + RecordingFilter(query, "r", parameters);
        if (query.Terms.Count > 0)
            where += $" AND r.id IN (SELECT s.recording_id FROM segments_fts f JOIN segments s ON s.id = f.rowid WHERE {TermFilter(query.Terms, parameters)})";
        parameters.Add(("$limit", query.Limit));
        using var connection = store.Database.Open();
        using var command = Command(connection,
            $"SELECT r.document_json FROM recordings r WHERE {where} ORDER BY r.processed_at DESC LIMIT $limit", [.. parameters]);
        using var reader = command.ExecuteReader();
        while (reader.Read()) yield return reader.GetString(0);
    }

    /// <summary>Case-insensitive positions of every term in <paramref name="text"/>, for highlighting.</summary>
    public static IReadOnlyList<(int Start, int Length)> Highlight(string text, IReadOnlyList<string> terms)
    {
        var spans = new List<(int Start, int Length)>();
        foreach (var term in terms.Where(t => t.Length > 0))
            for (var at = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(term, at + term.Length, StringComparison.OrdinalIgnoreCase))
                spans.Add((at, term.Length));
        return [.. spans.OrderBy(s => s.Start)];
    }

    /// <summary>SQL requiring every term in the segment alias <c>f</c> (the FTS5 table), its parameters added.</summary>
    public static string TermFilter(IReadOnlyList<string> terms, List<(string, object?)> parameters)
    {
        var clauses = new StringBuilder();
        for (var i = 0; i < terms.Count; i++)
        {
            if (i > 0) clauses.Append(" AND ");
            clauses.Append(CultureInfo.InvariantCulture, $"(f.text LIKE $t{i} ESCAPE '\\' OR f.raw_text LIKE $t{i} ESCAPE '\\')");
            parameters.Add(($"$t{i}", "%" + EscapeLike(terms[i]) + "%"));
        }
        return clauses.ToString();
    }

    private static string RecordingFilter(StoreQuery query, string alias, List<(string, object?)> parameters)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < query.Fields.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture,
                $" AND EXISTS (SELECT 1 FROM fields x WHERE x.recording_id = {alias}.id AND x.name = $fn{i} AND (x.value_text = $fv{i} OR x.text = $fv{i}))");
            parameters.Add(($"$fn{i}", query.Fields[i].Name));
            parameters.Add(($"$fv{i}", query.Fields[i].Value));
        }
        if (query.Since is { } since)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND COALESCE({alias}.started_at, {alias}.processed_at) >= $since");
            parameters.Add(("$since", Stamp(since)));
        }
        return sql.ToString();
    }

    public static string EscapeLike(string term) =>
        term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
