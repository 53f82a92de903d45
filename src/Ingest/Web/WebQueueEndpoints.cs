using System.Text.Json.Nodes;
using FunAsr.Ingest.Api;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Sources.Upload;

namespace FunAsr.Ingest.Web;

/// <summary>
/// Uploads from the page (<c>POST /ui/api/recordings</c>, the same form and checks as <c>POST /v1/recordings</c>) and
/// the live queue: <c>GET /ui/api/queue?ids=a,b</c> is a server-sent event stream with each recording's ledger row
/// whenever it changes, which ends when all are stored or failed.
/// </summary>
internal static class WebQueueEndpoints
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(400);

    /// <summary>Most recordings one stream follows (a page's batch).</summary>
    private const int MaxFollowed = 500;

    public static void Map(IEndpointRouteBuilder app, IngestServices services, WebSessionRequired session)
    {
        var upload = services.Sources.OfType<UploadSource>().FirstOrDefault();
        var limit = ApiHost.MaxUploadRequestBytes(upload);
        app.MapPost("/ui/api/recordings", (HttpRequest request, CancellationToken ct) =>
                RecordingEndpoints.AcceptUploadAsync(request, upload, services.Intake, limit, ct))
            .AllowAnonymous().WithMetadata(session).WithMetadata(new RequestBodyLimit(limit));

        app.MapGet("/ui/api/queue", async (HttpContext context, string? ids) =>
        {
            var followed = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).Take(MaxFollowed).ToList();
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-store";
            var sent = new Dictionary<string, string>(StringComparer.Ordinal);
            var ct = context.RequestAborted;
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var finished = 0;
                    foreach (var id in followed)
                    {
                        var entry = services.Ledger.Get(id);
                        var row = entry is null ? new JsonObject { ["id"] = id, ["state"] = "unknown" } : RecordingEndpoints.Describe(entry);
                        row.Remove("path");
                        var json = row.ToJsonString();
                        if (entry is null || entry.State is LedgerState.Stored or LedgerState.Failed) finished++;
                        if (sent.TryGetValue(id, out var last) && last == json) continue;
                        sent[id] = json;
                        await response.WriteAsync($"event: recording\ndata: {json}\n\n", ct);
                    }
                    if (finished == followed.Count)
                    {
                        await response.WriteAsync("event: done\ndata: {}\n\n", ct);
                        break;
                    }
                    await response.Body.FlushAsync(ct);
                    await Task.Delay(PollInterval, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The page went away.
            }
        }).AllowAnonymous().WithMetadata(session);
    }
}
