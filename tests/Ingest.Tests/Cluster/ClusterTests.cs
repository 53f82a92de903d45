using System.Buffers.Binary;
using System.Net;
using System.Text;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FunAsr.Ingest.Tests.Cluster;

/// <summary>
/// An intake and two workers over a real RabbitMQ node of the test's own (<see cref="RabbitBroker"/>), with the tiny
/// model and short espeak-ng recordings: every recording stored once through worker crashes, a broker restart and
/// a poison file.
/// </summary>
public sealed class ClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Workers_started_before_the_broker_join_it_and_store_thirty_recordings_once_each_while_a_poison_one_is_dead_lettered()
    {
        Assert.True(RabbitBroker.Installed, "rabbitmq-server is not installed: run tools/install-deps.sh");
        var root = SpeechFixtures.TempDirectory();
        await using var broker = RabbitBroker.Prepare(Path.Combine(root, "broker"));
        using var hosts = new ClusterHosts(root, broker);
        var workerPort = HostProcess.FreePort();
        var secondWorkerPort = HostProcess.FreePort();
        hosts.StartWorker("w1", workerPort);
        hosts.StartWorker("w2", secondWorkerPort);
        using var worker = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{workerPort}") };
        using var secondWorker = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{secondWorkerPort}") };
        var before = await ReadinessAsync(worker, answer => answer.Contains("unreachable", StringComparison.Ordinal), hosts);
        Assert.Contains($"127.0.0.1:{broker.Port}", before);

        await broker.StartAsync();
        // Both workers on the broker before the jobs come, so each gets its share whichever loads its model first.
        await ReadinessAsync(worker, answer => answer == "ready\n", hosts);
        await ReadinessAsync(secondWorker, answer => answer == "ready\n", hosts);
        hosts.StartIntake();
        SpeechFixtures.Write(hosts.Inbox, 30);
        File.WriteAllBytes(Path.Combine(hosts.Inbox, "poison.wav"), UnsupportedCodecWav());
        await hosts.WaitUntilAsync(s => s[LedgerState.Stored] == 30 && s[LedgerState.Failed] == 1, "30 stored and the poison failed", Patience);

        var deliveries = hosts.Deliveries("w1", "w2");
        Assert.Equal(30, deliveries.Count);
        Assert.All(deliveries, d => Assert.Equal(1, d.Value));
        Assert.NotEmpty(hosts.Deliveries("w1"));
        Assert.NotEmpty(hosts.Deliveries("w2"));
        Assert.Equal(30, hosts.Store.CountRecordings());
        var poison = Assert.Single(hosts.IntakeLedger.List(LedgerState.Failed, 10));
        Assert.EndsWith("poison.wav", poison.Path);
        Assert.Single(Directory.GetFiles(Path.Combine(root, "data", "quarantine"), "*poison.wav.error.txt"));
        var dead = Assert.Single(await broker.DrainAsync("test.dead"));
        Assert.Equal(poison.Id, dead.MessageId);
        var reason = Encoding.UTF8.GetString((byte[])dead.Headers["x-funasr-reason"]!);
        Assert.Contains("poison.wav", reason);
        Assert.Contains("unsupported WAV codec 0x7777", reason);
        Assert.Contains(reason, poison.LastError);
        Assert.Equal("ready\n", await ReadinessAsync(worker, answer => answer == "ready\n", hosts));
        Assert.Contains("funasr_recordings_stored", await worker.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_worker_killed_in_the_middle_of_a_recording_leaves_it_to_the_other_worker_which_stores_it_once()
    {
        Assert.True(RabbitBroker.Installed, "rabbitmq-server is not installed: run tools/install-deps.sh");
        const int recordings = 12;
        var root = SpeechFixtures.TempDirectory();
        await using var broker = await RabbitBroker.StartAsync(Path.Combine(root, "broker"));
        using var hosts = new ClusterHosts(root, broker);
        hosts.StartIntake();
        var workers = new Dictionary<string, HostProcess> { ["w1"] = hosts.StartWorker("w1"), ["w2"] = hosts.StartWorker("w2") };
        // Recordings of several sentences each, so the kill lands while one is still being transcribed: with one
        // sentence a worker could finish it between the ledger poll and the kill.
        SpeechFixtures.Write(hosts.Inbox, recordings, repeats: 6);

        var (victim, recordingId) = await InTheMiddleOfARecordingAsync(hosts, workers);
        workers[victim].Kill();
        await hosts.WaitUntilAsync(s => s[LedgerState.Stored] == recordings, $"{recordings} stored", Patience);

        var survivor = workers.Keys.Single(w => w != victim);
        var deliveries = hosts.Deliveries("w1", "w2");
        Assert.Equal(recordings, deliveries.Count);
        Assert.Equal(1, deliveries[recordingId]);
        Assert.Equal(1, hosts.Deliveries(survivor).GetValueOrDefault(recordingId));
        Assert.Contains($"Stored recording {recordingId} on worker {survivor}", hosts.Outputs());
        Assert.Equal(recordings, hosts.Store.CountRecordings());
    }

    [Fact]
    public async Task A_broker_stopped_and_started_again_mid_run_loses_no_recording_and_stores_none_twice()
    {
        Assert.True(RabbitBroker.Installed, "rabbitmq-server is not installed: run tools/install-deps.sh");
        const int recordings = 20;
        var root = SpeechFixtures.TempDirectory();
        await using var broker = await RabbitBroker.StartAsync(Path.Combine(root, "broker"));
        using var hosts = new ClusterHosts(root, broker);
        hosts.StartIntake();
        hosts.StartWorker("w1", httpAudio: true);
        hosts.StartWorker("w2", httpAudio: true);
        using var intake = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hosts.IntakePort}") };
        SpeechFixtures.Write(hosts.Inbox, recordings);
        await hosts.WaitUntilAsync(s => s[LedgerState.Stored] >= 3, "a few stored", Patience);

        await broker.StopAsync();
        var down = await ReadinessAsync(intake, answer => answer.Contains("broker", StringComparison.Ordinal), hosts);
        Assert.StartsWith("not ready: ", down);
        await broker.StartAsync();
        await hosts.WaitUntilAsync(s => s[LedgerState.Stored] == recordings, $"all {recordings} stored after the restart", Patience);

        Assert.Equal(recordings, hosts.Deliveries("w1", "w2").Count);
        Assert.Equal(recordings, hosts.Store.CountRecordings());
        Assert.Equal(0, hosts.IntakeLedger.Counts().ByState[LedgerState.Failed]);
        using var connection = new SqliteConnection($"Data Source={hosts.Store.Path}");
        connection.Open();
        using var duplicates = connection.CreateCommand();
        duplicates.CommandText = "SELECT COUNT(*) FROM (SELECT recording_id, seq FROM segments GROUP BY recording_id, seq HAVING COUNT(*) > 1)";
        Assert.Equal(0L, (long)duplicates.ExecuteScalar()!);
        Assert.Contains("Lost the broker", hosts.Outputs());
    }

    /// <summary>A complete WAV file (its sizes add up, so the inbox takes it at once) in a codec nobody decodes.</summary>
    private static byte[] UnsupportedCodecWav()
    {
        var wav = new byte[52];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 0x7777);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 16000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 32000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), 8);
        return wav;
    }

    /// <summary>Waits until one worker's own ledger shows a recording being transcribed; returns the worker and the recording.</summary>
    private static async Task<(string Worker, string RecordingId)> InTheMiddleOfARecordingAsync(ClusterHosts hosts, Dictionary<string, HostProcess> workers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var name in workers.Keys)
            {
                var ledger = hosts.WorkerLedger(name);
                if (File.Exists(ledger.Path) && ledger.List(LedgerState.Decoding, 1).FirstOrDefault() is { } entry) return (name, entry.Id);
            }
            await Task.Delay(10);
        }
        throw new Xunit.Sdk.XunitException("no worker started transcribing:\n" + hosts.Outputs());
    }

    /// <summary>Polls <c>/readyz</c> until its answer satisfies <paramref name="wanted"/>; returns the answer.</summary>
    private static async Task<string> ReadinessAsync(HttpClient http, Func<string, bool> wanted, ClusterHosts hosts)
    {
        var deadline = DateTime.UtcNow + Patience;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await http.GetAsync("/readyz");
                last = await response.Content.ReadAsStringAsync();
                if (wanted(last)) return last;
                Assert.Equal(last == "ready\n" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable, response.StatusCode);
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"/readyz never answered as wanted (last: {last}):\n" + hosts.Outputs());
    }
}
