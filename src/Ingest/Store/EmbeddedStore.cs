using System.Globalization;
using FunAsr.Extractors;
using FunAsr.Ingest.Persistence;
using static FunAsr.Ingest.Persistence.SqliteDatabase;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Store;

/// <summary>
/// The embedded store (<c>data/funasr.db</c>): recordings, segments with time and channel, fields and alerts.
/// Writing a document replaces any earlier version with the same recording id, so a replay never duplicates.
/// </summary>
internal sealed class EmbeddedStore
{
    private readonly SqliteDatabase _db;

    public EmbeddedStore(string path)
    {
        _db = new SqliteDatabase(path, StoreSchema.Sql);
        UpgradeDocuments();
    }

    public string Path => _db.Path;

    public SqliteDatabase Database => _db;

    /// <summary>Inserts or replaces the documents, all in one transaction.</summary>
    public void Upsert(IReadOnlyList<RecordingDocument> documents)
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var doc in documents)
        {
            foreach (var table in new[] { "segments", "fields", "alerts" })
                Execute(connection, $"DELETE FROM {table} WHERE recording_id = $id", ("$id", doc.RecordingId));
            var t = doc.Transcript;
            var m = doc.Metadata;
            Execute(connection, """
                INSERT OR REPLACE INTO recordings (id, source_path, call_id, agent, customer_number, direction, queue,
                  started_at, duration_seconds, channels, language, text, raw_text, tags, model_id, rule_pack_version,
                  processed_at, document_json)
                VALUES ($id, $path, $call, $agent, $customer, $direction, $queue, $started, $duration, $channels,
                  $language, $text, $raw, $tags, $model, $rules, $processed, $json)
                """,
                ("$id", doc.RecordingId), ("$path", doc.SourcePath), ("$call", m.CallId), ("$agent", m.Agent),
                ("$customer", m.CustomerNumber), ("$direction", m.Direction), ("$queue", m.Queue),
                ("$started", m.StartedAt is { } s ? Stamp(s) : null), ("$duration", t.Duration.TotalSeconds),
                ("$channels", t.Channels), ("$language", t.Language), ("$text", t.Text), ("$raw", t.RawText),
                ("$tags", string.Join(' ', doc.Tags)), ("$model", doc.ModelId), ("$rules", doc.RulePackVersion),
                ("$processed", Stamp(doc.ProcessedAt)), ("$json", RecordingJson.Serialize(doc)));
            for (var i = 0; i < t.Segments.Count; i++)
            {
                var seg = t.Segments[i];
                Execute(connection, """
                    INSERT INTO segments (recording_id, seq, channel, speaker, start_seconds, end_seconds, language, text, raw_text)
                    VALUES ($id, $seq, $channel, $speaker, $start, $end, $language, $text, $raw)
                    """,
                    ("$id", doc.RecordingId), ("$seq", i), ("$channel", seg.Channel), ("$speaker", seg.Speaker),
                    ("$start", seg.Start.TotalSeconds), ("$end", seg.End.TotalSeconds), ("$language", seg.Language),
                    ("$text", seg.Text), ("$raw", seg.RawText));
            }
            foreach (var field in doc.Fields) InsertField(connection, doc.RecordingId, field);
            foreach (var alert in doc.Alerts)
                Execute(connection, """
                    INSERT INTO alerts (recording_id, rule_id, severity, message, fields_json, raised_at)
                    VALUES ($id, $rule, $severity, $message, $fields, $at)
                    """,
                    ("$id", doc.RecordingId), ("$rule", alert.RuleId), ("$severity", alert.Severity),
                    ("$message", alert.Message), ("$fields", RecordingJson.Fields(alert.Fields).ToJsonString(DocumentJson.Options)), ("$at", Stamp(doc.ProcessedAt)));
        }
        transaction.Commit();
    }

    /// <summary>
    /// Rewrites documents stored by an older version in the current schema (<see cref="StoredDocumentUpgrade"/>), in one
    /// transaction, so <c>export</c>, search and the API only ever read one shape.
    /// </summary>
    private void UpgradeDocuments()
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        var old = new List<(string Id, string Json)>();
        using (var select = Command(connection, "SELECT id, document_json FROM recordings WHERE document_json NOT LIKE $current",
                   ("$current", $"{{\"schema_version\":{RecordingJson.SchemaVersion},%")))
        using (var reader = select.ExecuteReader())
            while (reader.Read()) old.Add((reader.GetString(0), reader.GetString(1)));
        foreach (var (id, json) in old)
            Execute(connection, "UPDATE recordings SET document_json = $json WHERE id = $id", ("$id", id), ("$json", StoredDocumentUpgrade.ToCurrent(json)));
        transaction.Commit();
    }

    /// <summary>The stored JSON of one document, or null when the recording is not in the store.</summary>
    public string? GetDocumentJson(string recordingId)
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT document_json FROM recordings WHERE id = $id", ("$id", recordingId));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Where the recording was read from, or null when it is not in the store.</summary>
    public string? GetSourcePath(string recordingId)
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT source_path FROM recordings WHERE id = $id", ("$id", recordingId));
        return command.ExecuteScalar() as string;
    }

    public int CountRecordings()
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT COUNT(*) FROM recordings");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void InsertField(Microsoft.Data.Sqlite.SqliteConnection connection, string recordingId, ExtractedField field) =>
        Execute(connection, """
            INSERT INTO fields (recording_id, name, type, value_text, text, rule_id, start_seconds, end_seconds, channel, speaker)
            VALUES ($id, $name, $type, $value, $text, $rule, $start, $end, $channel, $speaker)
            """,
            ("$id", recordingId), ("$name", field.Name), ("$type", field.Type), ("$value", field.ValueText),
            ("$text", field.Text), ("$rule", field.RuleId), ("$start", field.StartTime?.TotalSeconds),
            ("$end", field.EndTime?.TotalSeconds), ("$channel", field.Channel), ("$speaker", field.Speaker));
}
