using System.Diagnostics;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// The product inside a real rsyslogd (Debian's rsyslog, installed by tools/install-deps.sh): a private instance with
/// its own configuration, work directory and pid file reads transcript lines with imfile, runs
/// <c>funasr-pipeline extract --mode mmexternal</c> as a message modification plugin and writes <c>$!</c> with omfile,
/// and feeds the full message to <c>extract --mode omprog</c>. The config is deploy/pipelines/rsyslog/funasr.conf with
/// the paths filled in.
/// </summary>
public sealed class RsyslogPluginTests(ITestOutputHelper output)
{
    private static readonly string[] Transcript =
    [
        "我的手机号是13812345678",
        "营业时间是周一到周五上午9:00到下午6:00",
        "你们服务太差了我要投诉",
        "好的没有问题还有别的需要吗",
    ];

    [Fact]
    public async Task Rsyslog_runs_extract_as_mmexternal_and_omprog_and_the_fields_arrive_in_its_output_files()
    {
        var rsyslogd = new[] { "/usr/sbin/rsyslogd", "/sbin/rsyslogd" }.FirstOrDefault(File.Exists);
        if (rsyslogd is null || OperatingSystem.IsWindows())
        {
            output.WriteLine("SKIPPED: rsyslogd is not installed; tools/install-deps.sh installs the rsyslog package.");
            return;
        }
        var dir = Directory.CreateTempSubdirectory("funasr-rsyslog-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "work"));
        var plugin = Path.Combine(dir, "funasr-pipeline");
        File.WriteAllText(plugin, $"#!/bin/sh\nexec {Dotnet()} {HostProcess.Executable} \"$@\"\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(dir, "transcript.log"), string.Concat(Transcript.Select(l => l + "\n")));
        var config = File.ReadAllText(RepoPaths.Of("deploy", "pipelines", "rsyslog", "funasr.conf"))
            .Replace("/var/lib/funasr-rsyslog", Path.Combine(dir, "work"))
            .Replace("/var/log/calls/transcript.log", Path.Combine(dir, "transcript.log"))
            .Replace("/var/log/calls/funasr-variables.json", Path.Combine(dir, "variables.json"))
            .Replace("/var/log/calls/funasr-events.ndjson", Path.Combine(dir, "events.ndjson"))
            .Replace("/usr/local/bin/funasr-pipeline", plugin)
            .Replace("/etc/funasr/rules", RepoPaths.Of("rules"));
        File.WriteAllText(Path.Combine(dir, "rsyslog.conf"), config);

        var start = new ProcessStartInfo(rsyslogd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "-f", Path.Combine(dir, "rsyslog.conf"), "-i", Path.Combine(dir, "rsyslogd.pid") }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var variables = await WaitForLines(Path.Combine(dir, "variables.json"), Transcript.Length, process);
            var events = await WaitForLines(Path.Combine(dir, "events.ndjson"), Transcript.Length, process);

            var funasr = variables.Select(l => JsonNode.Parse(l)!["funasr"]!).ToList();
            Assert.Equal("+8613812345678", funasr[0]["fields"]!["phone"]!["e164"]!.GetValue<string>());
            Assert.Equal("Mon-Fri", funasr[1]["fields"]!["days"]!.GetValue<string>());
            Assert.Contains("complaint", funasr[2]["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
            Assert.Empty(funasr[3]["fields"]!.AsObject());

            var enriched = events.Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(Transcript, enriched.Select(e => e["msg"]!.GetValue<string>()));
            Assert.Equal("+8613812345678", enriched[0]["funasr"]!["fields"]!["phone"]!["e164"]!.GetValue<string>());
        }
        finally
        {
            // SIGTERM: rsyslogd closes its plugins' stdin and exits; a kill of the tree is the fallback.
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await term.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
            output.WriteLine(await stderr);
        }
    }

    /// <summary>Waits (up to two minutes: dotnet start-up on a loaded machine) until <paramref name="path"/> has <paramref name="count"/> lines.</summary>
    private static async Task<string[]> WaitForLines(string path, int count, Process rsyslogd)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            if (lines.Length >= count)
            {
                return lines;
            }
            Assert.False(rsyslogd.HasExited, $"rsyslogd exited with {(rsyslogd.HasExited ? rsyslogd.ExitCode : 0)}");
            Assert.True(DateTime.UtcNow < deadline, $"{path} has {lines.Length} of {count} lines after two minutes");
            await Task.Delay(200);
        }
    }

    private static string Dotnet() => Environment.GetEnvironmentVariable("PATH")!.Split(':')
        .Select(d => Path.Combine(d, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet";
}
