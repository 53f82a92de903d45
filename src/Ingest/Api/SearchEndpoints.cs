using FunAsr.Ingest.Store;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Api;

/// <summary><c>GET /v1/search?q=&amp;field=name=value&amp;since=&amp;limit=</c> over the embedded store.</summary>
internal static class SearchEndpoints
{
    public static void Map(IEndpointRouteBuilder api, EmbeddedStore? store)
    {
        api.MapGet("/v1/search", (string? q, string[]? field, string? since, int? limit) =>
        {
            if (store is null)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No embedded store", detail: "search needs a '- type: sqlite' sink");
            try
            {
                var query = new StoreQuery(q, [.. (field ?? []).Select(StoreQuery.ParseField)],
                    since is null ? null : StoreQuery.ParseSince(since, DateTimeOffset.UtcNow), Math.Clamp(limit ?? 20, 1, 1000));
                var hits = new StoreSearch(store).Search(query);
                return Results.Json(hits.Select(h => new
                {
                    recording_id = h.RecordingId, source_path = h.SourcePath, call_id = h.CallId, started_at = h.StartedAt,
                    start = h.Start?.TotalSeconds, end = h.End?.TotalSeconds, channel = h.Channel, speaker = h.Speaker,
                    text = h.Text, highlights = h.Highlights.Select(x => new { start = x.Start, length = x.Length }),
                }), DocumentJson.Options);
            }
            catch (FormatException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad query", detail: ex.Message);
            }
        });
    }
}
