using FunAsr.Ingest.Persistence;
using Microsoft.Data.Sqlite;
using static FunAsr.Ingest.Persistence.SqliteDatabase;

namespace FunAsr.Ingest.Ledger;

/// <summary>
/// The SQLite (WAL) ledger: one row per recording, keyed by recording id, so the same recording dropped twice is
/// one row and a restart resumes whatever was not stored. Safe to use from several threads (a pooled connection per call).
/// </summary>
internal sealed class RecordingLedger
{
    private readonly SqliteDatabase _db;

    public RecordingLedger(string path)
    {
        _db = new SqliteDatabase(path, """
            CREATE TABLE IF NOT EXISTS recordings (
              id TEXT PRIMARY KEY,
              path TEXT NOT NULL,
              state TEXT NOT NULL,
              attempts INTEGER NOT NULL DEFAULT 0,
              last_error TEXT,
              metadata_json TEXT,
              model_id TEXT,
              rule_pack_version TEXT,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              next_attempt_at TEXT);
            CREATE INDEX IF NOT EXISTS recordings_by_state ON recordings(state, next_attempt_at);
            CREATE TABLE IF NOT EXISTS files (
              path TEXT PRIMARY KEY,
              size INTEGER NOT NULL,
              modified_ticks INTEGER NOT NULL,
              recording_id TEXT NOT NULL);
            """);
    }

    public string Path => _db.Path;

    /// <summary>Adds a queued recording unless its id is already known; returns true when added.</summary>
    public bool Enqueue(string id, string path, string? metadataJson)
    {
        using var connection = _db.Open();
        var now = Now();
        return Execute(connection,
            "INSERT OR IGNORE INTO recordings (id, path, state, metadata_json, created_at, updated_at) VALUES ($id, $path, 'queued', $meta, $now, $now)",
            ("$id", id), ("$path", path), ("$meta", metadataJson), ("$now", now)) == 1;
    }

    /// <summary>Adds a recording that failed before it could be queued (for example an unreadable sidecar).</summary>
    public void EnqueueFailed(string id, string path, string error)
    {
        using var connection = _db.Open();
        var now = Now();
        Execute(connection,
            "INSERT OR IGNORE INTO recordings (id, path, state, attempts, last_error, created_at, updated_at) VALUES ($id, $path, 'failed', 1, $err, $now, $now)",
            ("$id", id), ("$path", path), ("$err", error), ("$now", now));
    }

    /// <summary>The recording id already computed for this exact file version, if any (saves re-hashing on rescans).</summary>
    public string? KnownFile(string path, long size, long modifiedTicks)
    {
        using var connection = _db.Open();
        using var command = Command(connection,
            "SELECT recording_id FROM files WHERE path = $p AND size = $s AND modified_ticks = $m",
            ("$p", path), ("$s", size), ("$m", modifiedTicks));
        return command.ExecuteScalar() as string;
    }

    public void RememberFile(string path, long size, long modifiedTicks, string recordingId)
    {
        using var connection = _db.Open();
        Execute(connection,
            "INSERT OR REPLACE INTO files (path, size, modified_ticks, recording_id) VALUES ($p, $s, $m, $id)",
            ("$p", path), ("$s", size), ("$m", modifiedTicks), ("$id", recordingId));
    }

    /// <summary>
    /// Takes the oldest queued recording that is due, moves it to decoding and counts the attempt (so a recording
    /// that crashes the host is quarantined after the configured number of tries).
    /// </summary>
    public LedgerEntry? ClaimNext()
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        using var select = Command(connection,
            "SELECT id FROM recordings WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= $now) ORDER BY created_at, id LIMIT 1",
            ("$now", Now()));
        select.Transaction = transaction;
        if (select.ExecuteScalar() is not string id) return null;
        using var update = Command(connection,
            "UPDATE recordings SET state = 'decoding', attempts = attempts + 1, updated_at = $now WHERE id = $id",
            ("$id", id), ("$now", Now()));
        update.Transaction = transaction;
        update.ExecuteNonQuery();
        transaction.Commit();
        return Get(id);
    }

    public void Advance(string id, LedgerState state, string? modelId = null, string? rulePackVersion = null)
    {
        using var connection = _db.Open();
        Execute(connection,
            """
            UPDATE recordings SET state = $state, updated_at = $now, next_attempt_at = NULL,
              model_id = COALESCE($model, model_id), rule_pack_version = COALESCE($rules, rule_pack_version),
              last_error = CASE WHEN $state = 'stored' THEN NULL ELSE last_error END
            WHERE id = $id
            """,
            ("$id", id), ("$state", Name(state)), ("$now", Now()), ("$model", modelId), ("$rules", rulePackVersion));
    }

    /// <summary>Puts a recording back in the queue, due after <paramref name="delay"/>, noting why.</summary>
    public void Requeue(string id, string error, TimeSpan delay)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET state = 'queued', last_error = $err, updated_at = $now, next_attempt_at = $next WHERE id = $id",
            ("$id", id), ("$err", error), ("$now", Now()), ("$next", Stamp(DateTimeOffset.UtcNow + delay)));
    }

    /// <summary>
    /// Notes why a recording is waiting and when it is tried next, without changing its state (a sink that is down:
    /// the recording stays extracted, and a restart finds it queued with the same backoff).
    /// </summary>
    public void NoteRetry(string id, string error, TimeSpan delay)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET last_error = $err, updated_at = $now, next_attempt_at = $next WHERE id = $id",
            ("$id", id), ("$err", error), ("$now", Now()), ("$next", Stamp(DateTimeOffset.UtcNow + delay)));
    }

    public void MarkFailed(string id, string error)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET state = 'failed', last_error = $err, updated_at = $now, next_attempt_at = NULL WHERE id = $id",
            ("$id", id), ("$err", error), ("$now", Now()));
    }

    /// <summary>
    /// Puts failed recordings back in the queue with their attempts reset (after the cause is fixed, e.g. a mapping
    /// corrected in Elasticsearch): every failed one, or those whose last error names <paramref name="sinkId"/> (a sink's
    /// reasons start with its id), narrowed to <paramref name="ids"/> when any are given. Returns the ids re-queued.
    /// </summary>
    public IReadOnlyList<string> RequeueFailed(string? sinkId, IReadOnlyCollection<string> ids)
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        using var select = Command(connection,
            "SELECT id FROM recordings WHERE state = 'failed' AND ($sink IS NULL OR substr(COALESCE(last_error, ''), 1, length($sink)) = $sink) ORDER BY id",
            ("$sink", sinkId));
        select.Transaction = transaction;
        var requeued = new List<string>();
        using (var reader = select.ExecuteReader())
            while (reader.Read())
                if (ids.Count == 0 || ids.Contains(reader.GetString(0))) requeued.Add(reader.GetString(0));
        foreach (var id in requeued)
        {
            using var update = Command(connection,
                "UPDATE recordings SET state = 'queued', attempts = 0, next_attempt_at = NULL, updated_at = $now, last_error = 'retry requested; it failed with: ' || COALESCE(last_error, '') WHERE id = $id",
                ("$id", id), ("$now", Now()));
            update.Transaction = transaction;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return requeued;
    }

    /// <summary>
    /// At start: rows left in decoding/recognized/extracted by a crash or shutdown go back to queued.
    /// A graceful shutdown passes <paramref name="refundAttempt"/> so the interrupted try is not counted.
    /// </summary>
    public int ResetInFlight(bool refundAttempt)
    {
        using var connection = _db.Open();
        return Execute(connection,
            $"UPDATE recordings SET state = 'queued', updated_at = $now{(refundAttempt ? ", attempts = MAX(0, attempts - 1)" : "")} WHERE state IN ('decoding', 'recognized', 'extracted')",
            ("$now", Now()));
    }

    public LedgerEntry? Get(string id)
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT * FROM recordings WHERE id = $id", ("$id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadEntry(reader) : null;
    }

    /// <summary>Rows not yet stored or failed, and the earliest time one of them is due.</summary>
    public (int Count, DateTimeOffset? NextDue) Pending()
    {
        using var connection = _db.Open();
        using var command = Command(connection,
            "SELECT COUNT(*), MIN(COALESCE(next_attempt_at, created_at)) FROM recordings WHERE state NOT IN ('stored', 'failed')");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.IsDBNull(1) ? null : ParseStamp(reader.GetString(1)));
    }

    /// <summary>Row counts by state (every state present, zero when empty) and the oldest queued row's creation time.</summary>
    public (IReadOnlyDictionary<LedgerState, int> ByState, DateTimeOffset? OldestQueued) Counts()
    {
        using var connection = _db.Open();
        var counts = Enum.GetValues<LedgerState>().ToDictionary(s => s, _ => 0);
        using (var command = Command(connection, "SELECT state, COUNT(*) FROM recordings GROUP BY state"))
        using (var reader = command.ExecuteReader())
            while (reader.Read())
                counts[ParseState(reader.GetString(0))] = reader.GetInt32(1);
        using var oldest = Command(connection, "SELECT MIN(created_at) FROM recordings WHERE state = 'queued'");
        return (counts, oldest.ExecuteScalar() is string s ? ParseStamp(s) : null);
    }

    public IReadOnlyList<LedgerEntry> List(LedgerState state, int limit)
    {
        using var connection = _db.Open();
        using var command = Command(connection,
            "SELECT * FROM recordings WHERE state = $state ORDER BY updated_at DESC LIMIT $limit",
            ("$state", Name(state)), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var entries = new List<LedgerEntry>();
        while (reader.Read()) entries.Add(ReadEntry(reader));
        return entries;
    }

    /// <summary>Throws when the ledger cannot be written (disk full, read-only, locked).</summary>
    public void CheckWritable() => _db.CheckWritable();

    private static LedgerEntry ReadEntry(SqliteDataReader r) => new(
        r.GetString(r.GetOrdinal("id")),
        r.GetString(r.GetOrdinal("path")),
        ParseState(r.GetString(r.GetOrdinal("state"))),
        r.GetInt32(r.GetOrdinal("attempts")),
        NullableString(r, "last_error"),
        NullableString(r, "metadata_json"),
        NullableString(r, "model_id"),
        NullableString(r, "rule_pack_version"),
        ParseStamp(r.GetString(r.GetOrdinal("created_at"))),
        ParseStamp(r.GetString(r.GetOrdinal("updated_at"))),
        NullableString(r, "next_attempt_at") is { } next ? ParseStamp(next) : null);

    internal static string Name(LedgerState state) => state.ToString().ToLowerInvariant();

    private static LedgerState ParseState(string name) => Enum.Parse<LedgerState>(name, ignoreCase: true);

    private static string Now() => Stamp(DateTimeOffset.UtcNow);
}
