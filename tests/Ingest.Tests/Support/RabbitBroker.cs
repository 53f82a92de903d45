using System.Diagnostics;
using RabbitMQ.Client;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>
/// A real RabbitMQ node (Debian's rabbitmq-server, installed by tools/install-deps.sh) of the test's own: its own node
/// name, AMQP and distribution ports, and data, log and config files under a temporary folder (epmd is shared). It can
/// be stopped and started again on the same data, as a broker restart; disposing stops it.
/// </summary>
internal sealed class RabbitBroker : IAsyncDisposable
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";

    private readonly string _folder;
    private readonly string _node;
    private readonly int _distributionPort;
    private Process? _server;

    private RabbitBroker(string folder)
    {
        _folder = folder;
        _node = $"funasr-{Guid.NewGuid().ToString("N")[..8]}@localhost";
        Port = HostProcess.FreePort();
        _distributionPort = HostProcess.FreePort();
        File.WriteAllText(Path.Combine(folder, "rabbitmq.conf"), "loopback_users = none\nlog.console = true\nlog.file = false\n");
        File.WriteAllText(Path.Combine(folder, "enabled_plugins"), "[].\n");
    }

    public int Port { get; }

    /// <summary>The AMQP URI the hosts under test use (the default guest account, on 127.0.0.1 only).</summary>
    public string Uri => $"amqp://guest:guest@127.0.0.1:{Port}/";

    public static bool Installed => File.Exists(ServerScript);

    /// <summary>A node set up under <paramref name="folder"/> but not started (for a worker that starts before its broker).</summary>
    public static RabbitBroker Prepare(string folder)
    {
        Directory.CreateDirectory(folder);
        return new RabbitBroker(folder);
    }

    public static async Task<RabbitBroker> StartAsync(string folder)
    {
        var broker = Prepare(folder);
        await broker.StartAsync();
        return broker;
    }

    /// <summary>Starts the node (again, on the same data after <see cref="StopAsync"/>) and waits until it takes AMQP connections.</summary>
    public async Task StartAsync()
    {
        var start = Script(ServerScript);
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var factory = new ConnectionFactory { Uri = new System.Uri(Uri) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync();
                return;
            }
            catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException) when (DateTime.UtcNow < deadline && !_server.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the node cleanly (rabbitmqctl stop), keeping its data for <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_server is null || _server.HasExited) return;
        var stop = Script(ControlScript);
        foreach (var arg in new[] { "-n", _node, "stop", Path.Combine(_folder, "pid") }) stop.ArgumentList.Add(arg);
        using (var control = Process.Start(stop)!)
        {
            control.StandardInput.Close();
            await control.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await _server.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Messages waiting in <paramref name="queue"/>, taken off it with their headers (to read a dead letter's reason).</summary>
    public async Task<IReadOnlyList<(string MessageId, IDictionary<string, object?> Headers)>> DrainAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new System.Uri(Uri) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<(string, IDictionary<string, object?>)>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
            messages.Add((message.BasicProperties.MessageId ?? "", message.BasicProperties.Headers ?? new Dictionary<string, object?>()));
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _server?.Dispose();
    }

    private ProcessStartInfo Script(string script)
    {
        var start = new ProcessStartInfo(script)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.Environment["RABBITMQ_NODENAME"] = _node;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(_folder, "rabbitmq");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "pid");
        return start;
    }
}
