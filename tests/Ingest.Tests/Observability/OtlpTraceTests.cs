using System.Net;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Observability;

/// <summary>
/// The real executable exporting over OTLP (http/protobuf) to a receiver in this test: one trace per recording, a
/// <c>recording</c> root with the decode, transcribe, extract and deliver spans under it.
/// </summary>
public sealed class OtlpTraceTests
{
    [Fact]
    public async Task Each_recording_is_one_trace_with_its_four_stage_spans()
    {
        var root = SpeechFixtures.TempDirectory();
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 2);
        var port = HostProcess.FreePort();
        using var receiver = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        receiver.Start();
        var spans = new List<OtlpSpan>();
        var receiving = ReceiveAsync(receiver, spans);
        var config = HostConfig.Write(root, "sinks:\n  - type: sqlite\n");

        using var host = HostProcess.Start(root, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }, "ingest", Path.Combine(root, "inbox"), "--once", "--config", config);
        Assert.True(await host.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, host.Output);
        receiver.Stop();
        await receiving;

        var traces = spans.GroupBy(s => s.TraceId).ToList();
        Assert.Equal(2, traces.Count);
        foreach (var trace in traces)
        {
            var recording = Assert.Single(trace, s => s.Name == "recording");
            Assert.Empty(recording.ParentSpanId);
            Assert.Equal(["decode", "deliver", "extract", "transcribe"], trace.Where(s => s != recording).Select(s => s.Name).Order());
            var transcribe = trace.Single(s => s.Name == "transcribe");
            Assert.Equal(transcribe.SpanId, trace.Single(s => s.Name == "decode").ParentSpanId);
            Assert.All(trace.Where(s => s.Name is "transcribe" or "extract" or "deliver"), s => Assert.Equal(recording.SpanId, s.ParentSpanId));
        }
    }

    private static async Task ReceiveAsync(HttpListener receiver, List<OtlpSpan> spans)
    {
        while (true)
        {
            HttpListenerContext context;
            try { context = await receiver.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url!.AbsolutePath == "/v1/traces")
                lock (spans) spans.AddRange(OtlpSpan.Read(body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
