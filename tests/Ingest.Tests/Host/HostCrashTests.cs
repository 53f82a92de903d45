using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FunAsr.Ingest.Tests.Host;

public sealed class HostCrashTests
{
    [Fact]
    public async Task A_host_killed_in_the_middle_of_a_batch_resumes_and_stores_every_recording_exactly_once()
    {
        const int recordings = 12;
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        SpeechFixtures.Write(inbox, recordings);
        var config = Path.Combine(root, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"""
            data_dir: {root}/data
            recognizer:
              model_dir: {SpeechFixtures.ModelDirectory}
              device: cpu
              batch_size: 2
            pipeline:
              queue_capacity: 2
              decode_workers: 1
              sink_batch_size: 1
              retry_backoff_seconds: 0
            sinks:
              - type: sqlite
            """);
        var ledgerPath = Path.Combine(root, "data", "ledger.db");

        int storedAtKill;
        using (var first = HostProcess.Start(root, null, "ingest", inbox, "--once", "--config", config))
        {
            storedAtKill = await WaitForStoredAsync(ledgerPath, first);
            first.Kill();
        }
        Assert.InRange(storedAtKill, 1, recordings - 1);

        using (var second = HostProcess.Start(root, null, "ingest", inbox, "--once", "--config", config))
        {
            var exit = await second.WaitForExitAsync(TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, second.Output);
        }

        var (byState, _) = new RecordingLedger(ledgerPath).Counts();
        Assert.Equal(recordings, byState[LedgerState.Stored]);
        var store = new EmbeddedStore(Path.Combine(root, "data", "funasr.db"));
        Assert.Equal(recordings, store.CountRecordings());
        using var connection = new SqliteConnection($"Data Source={store.Path}");
        connection.Open();
        using var duplicates = connection.CreateCommand();
        duplicates.CommandText = "SELECT COUNT(*) FROM (SELECT recording_id, seq FROM segments GROUP BY recording_id, seq HAVING COUNT(*) > 1)";
        Assert.Equal(0L, (long)duplicates.ExecuteScalar()!);
    }

    /// <summary>Polls the ledger the host writes (WAL lets readers in) until some but not all recordings are stored.</summary>
    private static async Task<int> WaitForStoredAsync(string ledgerPath, HostProcess host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline && !host.HasExited)
        {
            if (File.Exists(ledgerPath))
            {
                var (byState, _) = new RecordingLedger(ledgerPath).Counts();
                if (byState[LedgerState.Stored] > 0) return byState[LedgerState.Stored];
            }
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException("the host stored nothing before exiting or timing out:\n" + host.Output);
    }
}
