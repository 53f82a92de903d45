namespace FunAsr.Bench.Extractors;

/// <summary>
/// Syslog lines from a phone system's hosts (fixed seed) as NDJSON events with the line in <c>message</c>, the way
/// Filebeat ships them: the corpus of bench/extract/run-syslog.sh (<c>FunAsr.Bench write-syslog-corpus FILE LINES</c>).
/// </summary>
public static class SyslogCorpus
{
    private static readonly string[] Messages =
    [
        "NOTICE[{pid}] chan_sip.c: Registration from '<sip:{ext}@10.0.{a}.{b}>' failed for '10.0.{a}.{b}:5060' - Wrong password",
        "VERBOSE[{pid}] pbx.c: Executing [{ext}@from-internal:1] Dial(\"SIP/{ext}-0000{a}\", \"SIP/trunk/{ext}\") in new stack",
        "pam_unix(sshd:session): session opened for user admin by (uid=0)",
        "Accepted publickey for deploy from 10.0.{a}.{b} port {pid} ssh2: ED25519 SHA256:Zk3mJ8xQ",
        "recording /var/spool/asterisk/monitor/2026/12/07/out-{ext}-{pid}.wav closed, {a} s",
        "(root) CMD (/usr/local/bin/funasr-pipeline ingest --once)",
        "Started Session {pid} of user agent{a}.",
        "ingest: call {pid} transcribed in {b} ms, {a} segments",
    ];

    private static readonly string[] Programs = ["asterisk", "sshd", "CRON", "systemd", "funasr-pipeline", "kernel"];

    /// <summary>Writes <paramref name="lines"/> events to <paramref name="path"/>.</summary>
    public static void WriteNdjson(string path, int lines)
    {
        var random = new Random(20261207);
        using var output = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        for (var i = 0; i < lines; i++)
        {
            var message = Messages[random.Next(Messages.Length)]
                .Replace("{pid}", random.Next(100, 99_999).ToString())
                .Replace("{ext}", random.Next(1000, 9999).ToString())
                .Replace("{a}", random.Next(0, 255).ToString())
                .Replace("{b}", random.Next(1, 255).ToString())
                .Replace("\"", "\\\"");
            var line = $"Dec  {1 + i / 86_400 % 9} {i / 3600 % 24:00}:{i / 60 % 60:00}:{i % 60:00} pbx-{random.Next(1, 5)} {Programs[random.Next(Programs.Length)]}[{random.Next(100, 65_535)}]: {message}";
            output.Write($"{{\"@timestamp\":\"2026-12-07T10:00:00Z\",\"host\":{{\"name\":\"pbx\"}},\"message\":\"{line}\"}}\n");
        }
    }
}
