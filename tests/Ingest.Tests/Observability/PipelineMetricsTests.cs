using System.Text.Json;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Observability;

public sealed class PipelineMetricsTests
{
    [Fact]
    public void Stage_durations_and_outcomes_are_recorded_per_stage()
    {
        using var metrics = new PipelineMetrics();
        using var readings = new MeterReadings(metrics.Meter);

        metrics.RecordStage("transcribe", TimeSpan.FromSeconds(2));
        metrics.RecordStage("extract", TimeSpan.FromMilliseconds(5));
        metrics.CountStored(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(3));

        Assert.Equal(2, readings.Sum("funasr.stage.duration", "transcribe"), 3);
        Assert.Equal(0.005, readings.Sum("funasr.stage.duration", "extract"), 3);
        Assert.Equal((1, 60), (readings.Sum("funasr.recordings.stored"), readings.Sum("funasr.audio")));
    }

    [Fact]
    public async Task Json_log_format_writes_one_ecs_object_per_line()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 1);
        var config = HostConfig.Write(root, "sinks:\n  - type: sqlite\n");

        using var host = HostProcess.Start(root, null, "ingest", Path.Combine(root, "inbox"), "--once", "-v", "--log-format", "json", "--config", config);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, host.Output);

        var logLines = host.Output.Split('\n').Where(l => l.StartsWith("{\"@timestamp\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logLines);
        foreach (var line in logLines)
        {
            using var entry = JsonDocument.Parse(line);
            var e = entry.RootElement;
            Assert.Equal("8.11.0", e.GetProperty("ecs.version").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("message").GetString()));
            Assert.Contains(e.GetProperty("log.level").GetString(), new[] { "information", "warning", "error", "debug" });
        }
        Assert.Contains(logLines, l => l.Contains("\"labels\":{\"RecordingId\"", StringComparison.Ordinal));
    }
}
