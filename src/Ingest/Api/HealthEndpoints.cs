using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Api;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (model loaded, ledger and sinks writable, no sink failing
/// its deliveries); no key needed.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app, IngestServices services, PipelineRunner runner)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n")).AllowAnonymous();
        app.MapGet("/readyz", async (CancellationToken ct) =>
        {
            var problems = new List<string>();
            if (!runner.Ready) problems.Add("model not loaded yet");
            try
            {
                services.Ledger.CheckWritable();
            }
            catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                problems.Add($"ledger {services.Ledger.Path}: {ex.Message}");
            }
            problems.AddRange(services.SinkHealth.Problems());
            foreach (var sink in services.Sinks)
            {
                try
                {
                    await sink.CheckHealthAsync(ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    problems.Add($"sink {sink.Id}: {ex.Message}");
                }
            }
            return problems.Count == 0
                ? Results.Text("ready\n")
                : Results.Text("not ready: " + string.Join("; ", problems) + "\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();
    }
}
