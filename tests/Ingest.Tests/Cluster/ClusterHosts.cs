using System.Text.RegularExpressions;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Cluster;

/// <summary>
/// An intake and workers of one test, each a real <c>funasr-pipeline run</c> process on one config file: the intake
/// watches <c>root/inbox</c> with its data in <c>root/data</c>; each worker has its own data folder (<c>root/&lt;name&gt;</c>,
/// with its <c>recordings.ndjson</c> sink: one line pair per delivery) and all write the shared store <c>root/store.db</c>.
/// Their output is kept in <c>root/hosts.log</c> when the test ends.
/// </summary>
internal sealed partial class ClusterHosts(string root, RabbitBroker broker) : IDisposable
{
    public const string ApiKey = "cluster-test-key";

    private readonly List<HostProcess> _processes = [];

    public string Inbox { get; } = Path.Combine(root, "inbox");

    public string Config { get; } = HostConfig.Write(root, $"""
        sources:
          - type: folder
            path: {root}/inbox
            stable_seconds: 0.3
            rescan_seconds: 0.5
        sinks:
          - type: sqlite
            path: {root}/store.db
          - type: json_lines
        cluster:
          queue: test
          reconnect_seconds: 0.5

        """);

    public int IntakePort { get; } = HostProcess.FreePort();

    public RecordingLedger IntakeLedger => new(Path.Combine(root, "data", "ledger.db"));

    public EmbeddedStore Store => new(Path.Combine(root, "store.db"));

    public HostProcess StartIntake() => Start("intake", new Dictionary<string, string>
    {
        ["FUNASR_API_ENABLED"] = "true", ["FUNASR_API_URLS"] = $"http://127.0.0.1:{IntakePort}", ["FUNASR_API_KEYS"] = ApiKey,
    });

    /// <summary>A worker named <paramref name="name"/>; with <paramref name="apiPort"/> it serves /readyz and /metrics there; <paramref name="httpAudio"/> fetches audio from the intake.</summary>
    public HostProcess StartWorker(string name, int? apiPort = null, bool httpAudio = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["FUNASR_DATA_DIR"] = Path.Combine(root, name),
            ["FUNASR_CLUSTER_WORKER_NAME"] = name,
        };
        if (apiPort is { } port)
        {
            environment["FUNASR_API_ENABLED"] = "true";
            environment["FUNASR_API_URLS"] = $"http://127.0.0.1:{port}";
            environment["FUNASR_API_KEYS"] = ApiKey;
        }
        if (httpAudio)
        {
            environment["FUNASR_CLUSTER_AUDIO"] = "http";
            environment["FUNASR_CLUSTER_INTAKE_URL"] = $"http://127.0.0.1:{IntakePort}";
            environment["FUNASR_CLUSTER_INTAKE_API_KEY"] = ApiKey;
        }
        return Start("worker", environment);
    }

    public RecordingLedger WorkerLedger(string name) => new(Path.Combine(root, name, "ledger.db"));

    /// <summary>How many times each recording was handed to the sinks, over every worker's NDJSON file.</summary>
    public IReadOnlyDictionary<string, int> Deliveries(params string[] workers) => workers
        .Select(w => Path.Combine(root, w, "recordings.ndjson"))
        .Where(File.Exists)
        .SelectMany(File.ReadLines)
        .Select(line => IndexAction().Match(line))
        .Where(m => m.Success)
        .GroupBy(m => m.Groups["id"].Value)
        .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Polls the intake's ledger until <paramref name="done"/> holds; fails with every process's output after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyDictionary<LedgerState, int>, bool> done, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(IntakeLedger.Path) && done(IntakeLedger.Counts().ByState)) return;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"timed out waiting for {what}; ledger: " +
            string.Join(", ", IntakeLedger.Counts().ByState.Select(kv => $"{kv.Key}={kv.Value}")) + "\n" + Outputs());
    }

    public string Outputs() => string.Join("\n----\n", _processes.Select(p => p.Output));

    public void Dispose()
    {
        File.WriteAllText(Path.Combine(root, "hosts.log"), Outputs());
        foreach (var process in _processes) process.Dispose();
    }

    private HostProcess Start(string role, Dictionary<string, string> environment)
    {
        environment["FUNASR_CLUSTER_BROKER"] = broker.Uri;
        var process = HostProcess.Start(root, environment, "run", "--role", role, "--config", Config);
        _processes.Add(process);
        return process;
    }

    [GeneratedRegex("^\\{\"index\":\\{\"_index\":\"[^\"]*\",\"_id\":\"(?<id>[^\"]+)\"")]
    private static partial Regex IndexAction();
}
