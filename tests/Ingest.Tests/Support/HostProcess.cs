using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>The real <c>funasr-pipeline</c> executable, started as a child process (as an operator would run it).</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The build output of src/Ingest beside this test assembly's (same artifacts tree and configuration).</summary>
    public static string Executable
    {
        get
        {
            var testDir = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var configuration = Path.GetFileName(testDir);
            var bin = Path.GetDirectoryName(Path.GetDirectoryName(testDir))!;
            var host = Path.Combine(bin, "FunAsr.Ingest", configuration, "funasr-pipeline.dll");
            return File.Exists(host) ? host : Path.Combine(testDir, "funasr-pipeline.dll");
        }
    }

    public static HostProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Executable);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        return new HostProcess(Process.Start(start)!);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int Pid => _process.Id;

    /// <summary>Polls <paramref name="path"/> until it answers 2xx; fails with the host's output if it exits or <paramref name="timeout"/> passes.</summary>
    public async Task WaitUntilAnswersAsync(HttpClient http, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync(path)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !HasExited)
            {
            }
            if (DateTime.UtcNow > deadline || HasExited)
                throw new Xunit.Sdk.XunitException($"the host did not answer {path}:\n" + Output);
            await Task.Delay(200);
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGKILL on Linux: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
