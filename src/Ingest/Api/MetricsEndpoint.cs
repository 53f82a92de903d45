using System.Globalization;
using System.Text;
using FunAsr.Ingest.Ledger;

namespace FunAsr.Ingest.Api;

/// <summary><c>/metrics</c> in the Prometheus text format (version 0.0.4).</summary>
internal static class MetricsEndpoint
{
    public static void Map(IEndpointRouteBuilder app, IngestServices services) =>
        app.MapGet("/metrics", () => Results.Text(Render(services), "text/plain; version=0.0.4; charset=utf-8"));

    public static string Render(IngestServices services)
    {
        var m = services.Metrics;
        var text = new StringBuilder();
        void Metric(string name, string type, string help, IEnumerable<(string Labels, double Value)> samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");
            foreach (var (labels, value) in samples)
                text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        var (byState, _) = services.Ledger.Counts();
        Metric("funasr_recordings", "gauge", "Recordings in the ledger by state.",
            byState.Select(kv => ($"{{state=\"{RecordingLedger.Name(kv.Key)}\"}}", (double)kv.Value)));
        Metric("funasr_audio_seconds_total", "counter", "Seconds of audio stored since start.", [("", m.AudioSeconds)]);
        Metric("funasr_processing_seconds_total", "counter", "Wall-clock seconds from claim to storage, summed over recordings.", [("", m.ProcessingSeconds)]);
        Metric("funasr_real_time_factor", "gauge", "Processing seconds per audio second since start (below 1 is faster than real time).", [("", m.RealTimeFactor)]);
        Metric("funasr_queue_depth", "gauge", "Recordings waiting in each stage's input channel.",
            m.QueueDepths().Select(kv => ($"{{stage=\"{kv.Key}\"}}", (double)kv.Value)));
        Metric("funasr_sink_errors_total", "counter", "Documents a sink did not take (retryable or rejected).",
            services.Sinks.Select(s => ($"{{sink=\"{s.Id}\"}}", (double)m.SinkErrors.GetValueOrDefault(s.Id))));
        Metric("funasr_cpu_fallbacks_total", "counter", "Times the model fell back from the GPU to the CPU.", [("", m.CpuFallbacks)]);
        Metric("funasr_alerts_total", "counter", "Alerts raised by rules since start.", [("", m.Alerts)]);
        Metric("funasr_webhook_failures_total", "counter", "Failed webhook deliveries (each attempt).", [("", m.WebhookFailures)]);
        return text.ToString();
    }
}
