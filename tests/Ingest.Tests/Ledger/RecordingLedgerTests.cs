using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Persistence;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Ledger;

/// <summary>The ledger's crash accounting on a real SQLite file: claims are not attempts, and only a recording that was transcribed alone when the host died is blamed.</summary>
public sealed class RecordingLedgerTests
{
    private const int MaxAttempts = 3;

    [Fact]
    public void A_claim_is_not_an_attempt_and_a_crash_hands_claimed_rows_back_untouched()
    {
        var ledger = NewLedger();
        for (var i = 0; i < 5; i++) ledger.Enqueue($"R{i}", $"/in/r{i}.wav", null);
        for (var i = 0; i < 5; i++) Assert.NotNull(ledger.ClaimNext(alone: i == 0));

        var (resumed, failed) = ledger.RecoverInFlight(graceful: false, MaxAttempts);

        Assert.Equal(5, resumed);
        Assert.Empty(failed);
        for (var i = 0; i < 5; i++)
            Assert.Equal((LedgerState.Queued, 0, false), Summary(ledger.Get($"R{i}")!));
    }

    [Fact]
    public void A_recording_transcribed_beside_others_when_the_host_dies_is_refunded_and_retried_alone()
    {
        var ledger = NewLedger();
        ledger.Enqueue("A", "/in/a.wav", null);
        ledger.Enqueue("B", "/in/b.wav", null);
        Transcribing(ledger, alone: true);
        Transcribing(ledger, alone: false);

        ledger.RecoverInFlight(graceful: false, MaxAttempts);

        Assert.Equal((LedgerState.Queued, 0, true), Summary(ledger.Get("A")!));
        Assert.Equal((LedgerState.Queued, 0, true), Summary(ledger.Get("B")!));
        Assert.Equal("A", ledger.ClaimNext(alone: true)!.Id);
        Assert.Null(ledger.ClaimNext(alone: false));
    }

    [Fact]
    public void A_recording_that_kills_the_host_each_time_it_is_transcribed_alone_fails_after_max_attempts()
    {
        var ledger = NewLedger();
        ledger.Enqueue("POISON", "/in/poison.wav", null);
        IReadOnlyList<LedgerEntry> failed = [];
        var crashes = 0;
        while (failed.Count == 0 && crashes < 10)
        {
            Transcribing(ledger, alone: true);
            crashes++;
            (_, failed) = ledger.RecoverInFlight(graceful: false, MaxAttempts);
        }

        // The first crash only makes it a suspect; then it is blamed for each crash while alone.
        Assert.Equal(1 + MaxAttempts, crashes);
        Assert.Equal(("POISON", MaxAttempts), (Assert.Single(failed).Id, failed[0].Attempts));
    }

    [Fact]
    public void A_graceful_stop_refunds_the_interrupted_try_and_blames_nobody()
    {
        var ledger = NewLedger();
        ledger.Enqueue("A", "/in/a.wav", null);
        Transcribing(ledger, alone: true);

        ledger.RecoverInFlight(graceful: true, MaxAttempts);

        Assert.Equal((LedgerState.Queued, 0, false), Summary(ledger.Get("A")!));
    }

    [Fact]
    public void A_recording_past_recognition_keeps_its_transcript_and_its_state_across_a_crash()
    {
        var ledger = NewLedger();
        ledger.Enqueue("A", "/in/a.wav", null);
        Transcribing(ledger, alone: true);
        ledger.KeepTranscript("A", "{\"kept\":true}", "test-model");
        ledger.Advance("A", LedgerState.Extracted);
        ledger.NoteRetry("A", "waiting for a sink: elasticsearch: connection refused", TimeSpan.Zero);

        ledger.RecoverInFlight(graceful: false, MaxAttempts);

        var entry = ledger.ClaimNext(alone: true)!;
        Assert.Equal((LedgerState.Extracted, 1, false), Summary(entry));
        Assert.Equal("{\"kept\":true}", entry.TranscriptJson);
        Assert.True(ledger.MarkStored("A", entry.Revision, []));
        Assert.Null(ledger.Get("A")!.TranscriptJson);
    }

    [Fact]
    public void A_file_that_changes_while_it_is_processed_is_queued_again_instead_of_stored()
    {
        var ledger = NewLedger();
        ledger.Enqueue("CALL-7", "/in/call7.wav", null);
        var claimed = ledger.ClaimNext(alone: true)!;
        ledger.BeginAttempt("CALL-7");

        ledger.QueueNewRevision("CALL-7", "/in/call7.wav", null);

        Assert.False(ledger.MarkStored("CALL-7", claimed.Revision, []));
        var again = ledger.ClaimNext(alone: true)!;
        Assert.Equal((LedgerState.Queued, 1), (again.State, again.Revision));
        Assert.True(ledger.MarkStored("CALL-7", again.Revision, []));

        ledger.QueueNewRevision("CALL-7", "/in/call7.wav", null);
        Assert.Equal((LedgerState.Queued, 0, false), Summary(ledger.Get("CALL-7")!));
    }

    [Fact]
    public void A_second_host_on_the_same_data_folder_is_refused_with_the_first_ones_pid()
    {
        var folder = SpeechFixtures.TempDirectory();
        using var first = DataFolderLock.Acquire(folder);

        var refused = Assert.Throws<DataFolderException>(() => DataFolderLock.Acquire(folder));

        Assert.Contains($"in use by pid {Environment.ProcessId}", refused.Message);
        first.Dispose();
        using var afterRelease = DataFolderLock.Acquire(folder);
    }

    [Fact]
    public void A_ledger_written_before_crash_accounting_gains_its_columns()
    {
        var path = Path.Combine(SpeechFixtures.TempDirectory(), "ledger.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE recordings (id TEXT PRIMARY KEY, path TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                  last_error TEXT, metadata_json TEXT, model_id TEXT, rule_pack_version TEXT, created_at TEXT NOT NULL,
                  updated_at TEXT NOT NULL, next_attempt_at TEXT);
                INSERT INTO recordings (id, path, state, attempts, created_at, updated_at)
                  VALUES ('OLD', '/in/old.wav', 'decoding', 1, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var ledger = new RecordingLedger(path);
        ledger.RecoverInFlight(graceful: false, MaxAttempts);

        Assert.Equal((LedgerState.Queued, 0, true), Summary(ledger.Get("OLD")!));
    }

    [Fact]
    public void A_ledger_written_by_an_older_host_gains_the_intake_columns_and_keeps_its_rows()
    {
        var path = Path.Combine(SpeechFixtures.TempDirectory(), "ledger.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE recordings (id TEXT PRIMARY KEY, path TEXT NOT NULL, state TEXT NOT NULL,
                  attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT, metadata_json TEXT, model_id TEXT,
                  rule_pack_version TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, next_attempt_at TEXT);
                INSERT INTO recordings (id, path, state, metadata_json, created_at, updated_at)
                VALUES ('OLD-1', '/in/old.wav', 'queued', '{"agent":"A1"}', '2026-12-01T00:00:00.0000000Z', '2026-12-01T00:00:00.0000000Z');
                """;
            create.ExecuteNonQuery();
        }

        var ledger = new RecordingLedger(path);
        ledger.Enqueue("NEW-1", "/in/new.wav", null, "upload", [new Recognizer.Hotword("青果会员", 3.5f)]);

        var old = ledger.Get("OLD-1")!;
        Assert.Equal((LedgerState.Queued, """{"agent":"A1"}""", null, 0), (old.State, old.MetadataJson, old.Source, old.InboxHotwords.Count));
        var added = ledger.Get("NEW-1")!;
        Assert.Equal(("upload", "青果会员", (float?)3.5f), (added.Source, added.InboxHotwords[0].Phrase, added.InboxHotwords[0].Score));
    }

    private static RecordingLedger NewLedger() => new(Path.Combine(SpeechFixtures.TempDirectory(), "ledger.db"));

    /// <summary>Claims the next row and starts transcribing it, as the pipeline does.</summary>
    private static void Transcribing(RecordingLedger ledger, bool alone)
    {
        var entry = ledger.ClaimNext(alone) ?? throw new Xunit.Sdk.XunitException("nothing to claim");
        ledger.BeginAttempt(entry.Id);
    }

    private static (LedgerState, int, bool) Summary(LedgerEntry entry) => (entry.State, entry.Attempts, entry.Suspect);
}
