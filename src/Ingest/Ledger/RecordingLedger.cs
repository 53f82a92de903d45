using System.Text.Json;
using FunAsr.Ingest.Persistence;
using FunAsr.Recognizer;
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
            CREATE TABLE IF NOT EXISTS alert_outbox (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              recording_id TEXT NOT NULL,
              webhook INTEGER NOT NULL,
              body TEXT NOT NULL,
              created_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS files (
              path TEXT PRIMARY KEY,
              size INTEGER NOT NULL,
              modified_ticks INTEGER NOT NULL,
              recording_id TEXT NOT NULL);
            """);
        using var connection = _db.Open();
        // Columns added after the first release; a ledger written by an older host gains them here. The write lock
        // makes look-and-add one step when another process (status, a test) opens the ledger at the same moment.
        Execute(connection, "BEGIN IMMEDIATE");
        AddColumnIfMissing(connection, "recordings", "claimed", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing(connection, "recordings", "suspect", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing(connection, "recordings", "revision", "INTEGER NOT NULL DEFAULT 0");
        AddColumnIfMissing(connection, "recordings", "transcript_json", "TEXT");
        AddColumnIfMissing(connection, "recordings", "source", "TEXT");
        AddColumnIfMissing(connection, "recordings", "inbox_hotwords_json", "TEXT");
        Execute(connection, "COMMIT");
    }

    public string Path => _db.Path;

    /// <summary>
    /// Adds a queued recording unless its id is already known; returns true when added. The row keeps what the
    /// intake knew (the metadata, the <paramref name="source"/> type and its inbox hotwords), so the pipeline reads
    /// everything about the recording from the row.
    /// </summary>
    public bool Enqueue(string id, string path, string? metadataJson, string? source = null, IReadOnlyList<Hotword>? inboxHotwords = null)
    {
        using var connection = _db.Open();
        var now = Now();
        return Execute(connection,
            """
            INSERT OR IGNORE INTO recordings (id, path, state, metadata_json, source, inbox_hotwords_json, created_at, updated_at)
            VALUES ($id, $path, 'queued', $meta, $source, $hotwords, $now, $now)
            """,
            ("$id", id), ("$path", path), ("$meta", metadataJson), ("$source", source), ("$hotwords", HotwordsJson(inboxHotwords)), ("$now", now)) == 1;
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

    /// <summary>The recording last taken from this path (any version of the file), if any.</summary>
    public string? RecordingOfFile(string path)
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT recording_id FROM files WHERE path = $p", ("$p", path));
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
    /// Takes the oldest due recording that is waiting (queued, or past transcription with its transcript kept) and
    /// marks it claimed. A claim is not an attempt: <see cref="BeginAttempt"/> counts one when transcription starts.
    /// Suspects of a crash (<see cref="LedgerEntry.Suspect"/>) are only taken when <paramref name="alone"/> is true,
    /// that is when nothing else is in flight, so a recording that kills the host is caught on its own.
    /// </summary>
    public LedgerEntry? ClaimNext(bool alone)
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        using var select = Command(connection,
            $"""
            SELECT id FROM recordings
            WHERE claimed = 0 AND (state = 'queued' OR (state IN ('recognized', 'extracted') AND transcript_json IS NOT NULL))
              AND (next_attempt_at IS NULL OR next_attempt_at <= $now){(alone ? "" : " AND suspect = 0")}
            ORDER BY suspect DESC, created_at, id LIMIT 1
            """,
            ("$now", Now()));
        select.Transaction = transaction;
        if (select.ExecuteScalar() is not string id) return null;
        using var update = Command(connection, "UPDATE recordings SET claimed = 1, updated_at = $now WHERE id = $id", ("$id", id), ("$now", Now()));
        update.Transaction = transaction;
        update.ExecuteNonQuery();
        transaction.Commit();
        return Get(id);
    }

    /// <summary>Transcription of a claimed recording starts: it moves to decoding and the attempt is counted.</summary>
    public void BeginAttempt(string id)
    {
        using var connection = _db.Open();
        Execute(connection, "UPDATE recordings SET state = 'decoding', attempts = attempts + 1, updated_at = $now WHERE id = $id",
            ("$id", id), ("$now", Now()));
    }

    public void Advance(string id, LedgerState state, string? modelId = null, string? rulePackVersion = null)
    {
        using var connection = _db.Open();
        Execute(connection,
            """
            UPDATE recordings SET state = $state, updated_at = $now, next_attempt_at = NULL,
              model_id = COALESCE($model, model_id), rule_pack_version = COALESCE($rules, rule_pack_version)
            WHERE id = $id
            """,
            ("$id", id), ("$state", Name(state)), ("$now", Now()), ("$model", modelId), ("$rules", rulePackVersion));
    }

    /// <summary>
    /// Recognized: the transcript is kept in the row until the recording is stored, so a restart (a crash, or a sink
    /// that was down) extracts and delivers it again instead of transcribing the audio again.
    /// </summary>
    public void KeepTranscript(string id, string transcriptJson, string modelId)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET state = 'recognized', transcript_json = $transcript, model_id = $model, updated_at = $now, next_attempt_at = NULL WHERE id = $id",
            ("$id", id), ("$transcript", transcriptJson), ("$model", modelId), ("$now", Now()));
    }

    /// <summary>
    /// Every sink took the document: the row is stored, the kept transcript dropped, and the webhook notices of its
    /// alerts written to the outbox in the same transaction (so a crash can neither lose them nor store without them).
    /// When the file changed while it was processed (its revision moved on since <paramref name="claimedRevision"/>),
    /// the row goes back to the queue instead and no notice is written. Returns true when stored.
    /// </summary>
    public bool MarkStored(string id, int claimedRevision, IReadOnlyList<WebhookNotice> notices)
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        using var update = Command(connection,
            """
            UPDATE recordings SET updated_at = $now, next_attempt_at = NULL, claimed = 0, suspect = 0, transcript_json = NULL,
              state = CASE WHEN revision = $rev THEN 'stored' ELSE 'queued' END,
              attempts = CASE WHEN revision = $rev THEN attempts ELSE 0 END,
              last_error = NULL
            WHERE id = $id
            RETURNING state
            """,
            ("$id", id), ("$rev", claimedRevision), ("$now", Now()));
        update.Transaction = transaction;
        var stored = update.ExecuteScalar() as string == Name(LedgerState.Stored);
        if (stored)
        {
            foreach (var notice in notices)
            {
                using var insert = Command(connection,
                    "INSERT INTO alert_outbox (recording_id, webhook, body, created_at) VALUES ($id, $hook, $body, $now)",
                    ("$id", id), ("$hook", notice.Webhook), ("$body", notice.Body), ("$now", Now()));
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        return stored;
    }

    /// <summary>The oldest webhook notices not yet delivered (or given up on), with their outbox ids.</summary>
    public IReadOnlyList<(long OutboxId, WebhookNotice Notice)> PendingNotices(int limit)
    {
        using var connection = _db.Open();
        using var command = Command(connection, "SELECT id, webhook, body FROM alert_outbox ORDER BY id LIMIT $limit", ("$limit", limit));
        using var reader = command.ExecuteReader();
        var notices = new List<(long, WebhookNotice)>();
        while (reader.Read()) notices.Add((reader.GetInt64(0), new WebhookNotice(reader.GetInt32(1), reader.GetString(2))));
        return notices;
    }

    /// <summary>A notice was delivered, or given up on after its retries: it leaves the outbox.</summary>
    public void NoticeDone(long outboxId)
    {
        using var connection = _db.Open();
        Execute(connection, "DELETE FROM alert_outbox WHERE id = $id", ("$id", outboxId));
    }

    /// <summary>Puts a recording back in the queue, due after <paramref name="delay"/>, noting why.</summary>
    public void Requeue(string id, string error, TimeSpan delay)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET state = 'queued', claimed = 0, last_error = $err, updated_at = $now, next_attempt_at = $next WHERE id = $id",
            ("$id", id), ("$err", error), ("$now", Now()), ("$next", Stamp(DateTimeOffset.UtcNow + delay)));
    }

    /// <summary>
    /// Notes why a recording is waiting and when it is tried next, without changing its state (a sink that is down:
    /// the recording stays extracted with its transcript kept, and a restart delivers it with the same backoff).
    /// </summary>
    public void NoteRetry(string id, string error, TimeSpan delay)
    {
        using var connection = _db.Open();
        Execute(connection,
            "UPDATE recordings SET last_error = $err, updated_at = $now, next_attempt_at = $next WHERE id = $id",
            ("$id", id), ("$err", error), ("$now", Now()), ("$next", Stamp(DateTimeOffset.UtcNow + delay)));
    }

    /// <summary>
    /// Failed for good. A recording a sink rejected keeps its transcript (<paramref name="keepTranscript"/>), so
    /// <see cref="RequeueFailed"/> after the sink is fixed extracts and delivers it again without transcribing.
    /// </summary>
    public void MarkFailed(string id, string error, bool keepTranscript = false)
    {
        using var connection = _db.Open();
        Execute(connection,
            $"UPDATE recordings SET state = 'failed', claimed = 0,{(keepTranscript ? "" : " transcript_json = NULL,")} last_error = $err, updated_at = $now, next_attempt_at = NULL WHERE id = $id",
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
                "UPDATE recordings SET state = CASE WHEN transcript_json IS NULL THEN 'queued' ELSE 'extracted' END, attempts = 0, suspect = 0, claimed = 0, next_attempt_at = NULL, updated_at = $now, last_error = 'retry requested; it failed with: ' || COALESCE(last_error, '') WHERE id = $id",
                ("$id", id), ("$now", Now()));
            update.Transaction = transaction;
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return requeued;
    }

    /// <summary>
    /// A file already in the ledger changed (a recorder that went on writing after it was taken): the same recording
    /// gets a new revision and is queued again, so its newer document replaces the old one in every sink. A row in
    /// flight finishes its run and is then queued again (<see cref="MarkStored"/>).
    /// </summary>
    public void QueueNewRevision(string id, string path, string? metadataJson, string? source = null, IReadOnlyList<Hotword>? inboxHotwords = null)
    {
        using var connection = _db.Open();
        Execute(connection,
            """
            UPDATE recordings SET revision = revision + 1, path = $path, metadata_json = $meta, updated_at = $now,
              source = $source, inbox_hotwords_json = $hotwords,
              attempts = CASE WHEN state IN ('stored', 'failed') THEN 0 ELSE attempts END,
              last_error = CASE WHEN state IN ('stored', 'failed') THEN NULL ELSE last_error END,
              next_attempt_at = CASE WHEN claimed = 0 AND state <> 'decoding' THEN NULL ELSE next_attempt_at END,
              transcript_json = CASE WHEN claimed = 0 AND state <> 'decoding' THEN NULL ELSE transcript_json END,
              state = CASE WHEN claimed = 0 AND state <> 'decoding' THEN 'queued' ELSE state END
            WHERE id = $id
            """,
            ("$id", id), ("$path", path), ("$meta", metadataJson), ("$source", source), ("$hotwords", HotwordsJson(inboxHotwords)), ("$now", Now()));
    }

    /// <summary>
    /// At start, by the host that holds the data folder's lock: rows a stopped host left claimed or in flight go back
    /// to waiting. After a crash (<paramref name="graceful"/> false) a recording that was being transcribed may be
    /// what killed the host: if it was transcribed alone (a suspect already), the try counts and after
    /// <paramref name="maxAttempts"/> it fails; otherwise its try is refunded and it becomes a suspect, retried alone.
    /// A graceful stop refunds every interrupted try. Rows with a kept transcript keep their state and are only
    /// extracted and delivered again. Returns the rows resumed and the rows failed.
    /// </summary>
    public (int Resumed, IReadOnlyList<LedgerEntry> Failed) RecoverInFlight(bool graceful, int maxAttempts)
    {
        using var connection = _db.Open();
        using var transaction = connection.BeginTransaction();
        var failed = new List<LedgerEntry>();
        if (!graceful)
        {
            using var select = Command(connection, "SELECT * FROM recordings WHERE state = 'decoding' AND suspect = 1 AND attempts >= $max", ("$max", maxAttempts));
            select.Transaction = transaction;
            using (var reader = select.ExecuteReader())
                while (reader.Read()) failed.Add(ReadEntry(reader));
            foreach (var entry in failed)
            {
                using var fail = Command(connection,
                    "UPDATE recordings SET state = 'failed', claimed = 0, updated_at = $now, last_error = $err WHERE id = $id",
                    ("$id", entry.Id), ("$now", Now()),
                    ("$err", $"the host stopped {entry.Attempts} time(s) while transcribing this recording on its own; last error: {entry.LastError ?? "none"}"));
                fail.Transaction = transaction;
                fail.ExecuteNonQuery();
            }
        }
        var refund = graceful ? "attempts = MAX(0, attempts - 1)" : "attempts = CASE WHEN suspect = 1 THEN attempts ELSE MAX(0, attempts - 1) END, suspect = 1";
        using var decoding = Command(connection,
            $"UPDATE recordings SET state = 'queued', claimed = 0, {refund}, updated_at = $now WHERE state = 'decoding'", ("$now", Now()));
        decoding.Transaction = transaction;
        var resumed = decoding.ExecuteNonQuery();
        using var rest = Command(connection,
            """
            UPDATE recordings SET claimed = 0, updated_at = $now,
              attempts = CASE WHEN state = 'queued' OR transcript_json IS NOT NULL THEN attempts ELSE MAX(0, attempts - 1) END,
              state = CASE WHEN transcript_json IS NOT NULL THEN state ELSE 'queued' END
            WHERE claimed = 1 OR state IN ('recognized', 'extracted')
            """, ("$now", Now()));
        rest.Transaction = transaction;
        resumed += rest.ExecuteNonQuery();
        transaction.Commit();
        return (resumed, failed);
    }

    /// <summary>
    /// A cluster worker takes a job from the broker: the row (new, or left from an earlier delivery) becomes the
    /// intake's revision of the recording, claimed, with the tries the broker counted so far, and is returned.
    /// </summary>
    public LedgerEntry Adopt(string id, string path, string? metadataJson, IReadOnlyList<Hotword> inboxHotwords, int revision, int attempts)
    {
        using (var connection = _db.Open())
        {
            var now = Now();
            Execute(connection,
                """
                INSERT INTO recordings (id, path, state, attempts, metadata_json, inbox_hotwords_json, revision, claimed, created_at, updated_at)
                VALUES ($id, $path, 'queued', $attempts, $meta, $hotwords, $rev, 1, $now, $now)
                ON CONFLICT(id) DO UPDATE SET path = excluded.path, state = 'queued', attempts = excluded.attempts,
                  metadata_json = excluded.metadata_json, inbox_hotwords_json = excluded.inbox_hotwords_json, revision = excluded.revision, claimed = 1, suspect = 0,
                  transcript_json = NULL, last_error = NULL, next_attempt_at = NULL, updated_at = excluded.updated_at
                """,
                ("$id", id), ("$path", path), ("$attempts", attempts), ("$meta", metadataJson), ("$hotwords", HotwordsJson(inboxHotwords)),
                ("$rev", revision), ("$now", now));
        }
        return Get(id)!;
    }

    /// <summary>Failed rows whose recording lies in one of <paramref name="paths"/> (files, or folders and everything under them).</summary>
    public IReadOnlyList<LedgerEntry> FailedUnder(IEnumerable<string> paths)
    {
        var roots = paths.Select(System.IO.Path.GetFullPath).ToList();
        return [.. List(LedgerState.Failed, int.MaxValue).Where(e => roots.Any(root =>
            e.Path == root || e.Path.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))];
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
        NullableString(r, "next_attempt_at") is { } next ? ParseStamp(next) : null)
    {
        Suspect = r.GetInt32(r.GetOrdinal("suspect")) == 1,
        Revision = r.GetInt32(r.GetOrdinal("revision")),
        TranscriptJson = NullableString(r, "transcript_json"),
        Source = NullableString(r, "source"),
        InboxHotwords = NullableString(r, "inbox_hotwords_json") is { } hotwords ? JsonSerializer.Deserialize<Hotword[]>(hotwords) ?? [] : [],
    };

    private static string? HotwordsJson(IReadOnlyList<Hotword>? hotwords) => hotwords is { Count: > 0 } ? JsonSerializer.Serialize(hotwords) : null;

    internal static string Name(LedgerState state) => state.ToString().ToLowerInvariant();

    private static LedgerState ParseState(string name) => Enum.Parse<LedgerState>(name, ignoreCase: true);

    private static string Now() => Stamp(DateTimeOffset.UtcNow);
}
