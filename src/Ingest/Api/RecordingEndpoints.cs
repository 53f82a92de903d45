using System.Text.Json.Nodes;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Sources.Upload;
using FunAsr.Ingest.Store;
using Microsoft.Net.Http.Headers;

namespace FunAsr.Ingest.Api;

/// <summary>
/// <c>POST /v1/recordings</c> (multipart: <c>file</c>, optional <c>metadata</c> JSON, optional <c>hotwords</c>: one
/// phrase per line as in a hotword file, e.g. <c>会员权益 :2.5</c>, for this recording only) queues an upload and answers
/// 202 with its id; <c>GET /v1/recordings/{id}</c> answers its ledger state and, once stored, the document;
/// <c>GET /v1/recordings/{id}/audio</c> answers its audio file (for cluster workers without a shared mount).
/// </summary>
internal static class RecordingEndpoints
{
    /// <summary>Longest multipart boundary RFC 2046 allows (and ASP.NET's form reader accepts).</summary>
    private const int MaxBoundaryLength = 70;

    public static void Map(IEndpointRouteBuilder api, IngestServices services, EmbeddedStore? store, long maxUploadRequestBytes)
    {
        var upload = services.Sources.OfType<UploadSource>().FirstOrDefault();
        api.MapPost("/v1/recordings", (HttpRequest request, CancellationToken ct) =>
            AcceptUploadAsync(request, upload, services.Intake, maxUploadRequestBytes, ct))
            .WithMetadata(new RequestBodyLimit(maxUploadRequestBytes));

        api.MapGet("/v1/recordings/{id}", (string id) =>
        {
            if (services.Ledger.Get(id) is not { } entry)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown recording", detail: $"no recording with id '{id}' in the ledger");
            var body = Describe(entry);
            if (entry.State == LedgerState.Stored && store?.GetDocumentJson(id) is { } json)
                body["document"] = JsonNode.Parse(json);
            return Results.Json(body);
        });

        // Workers without the intake's folders mounted (cluster.audio: http) stream the audio from here.
        api.MapGet("/v1/recordings/{id}/audio", (string id) =>
            services.Ledger.Get(id) is { } entry && File.Exists(entry.Path)
                ? Results.File(entry.Path, "application/octet-stream", Path.GetFileName(entry.Path), enableRangeProcessing: true)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No audio", detail: $"no recording with id '{id}' and a readable file in the ledger"));
    }

    /// <summary>
    /// Reads the multipart form (<c>file</c>, optional <c>metadata</c> and <c>hotwords</c>) and queues the upload: 202
    /// with its id, or a problem naming what is wrong. Used by <c>POST /v1/recordings</c> and the web page.
    /// </summary>
    public static async Task<IResult> AcceptUploadAsync(
        HttpRequest request, UploadSource? upload, RecordingIntake intake, long maxUploadRequestBytes, CancellationToken ct)
    {
        if (upload is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Uploads are off",
                detail: "add '- type: upload' under sources: in the configuration");
        if (!request.HasFormContentType)
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Multipart form expected",
                detail: "send multipart/form-data with a 'file' part, an optional 'metadata' part (JSON) and an optional 'hotwords' part (one phrase per line)");
        var boundary = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? HeaderUtilities.RemoveQuotes(type.Boundary) : default;
        if (boundary.Length is 0 or > MaxBoundaryLength)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed multipart form",
                detail: $"the Content-Type needs a boundary parameter of 1 to {MaxBoundaryLength} characters, as in multipart/form-data; boundary=XyZ");
        try
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No file", detail: "the form has no 'file' part");
            string? metadata = form.TryGetValue("metadata", out var m) ? m.ToString() : null;
            string? hotwords = form.TryGetValue("hotwords", out var h) ? h.ToString() : null;
            await using var content = file.OpenReadStream();
            var id = await upload.AcceptAsync(file.FileName, file.Length, content, metadata, hotwords, intake, ct);
            return Results.Accepted($"/v1/recordings/{Uri.EscapeDataString(id)}", new { id, state = "queued" });
        }
        catch (UploadRejectedException ex)
        {
            return Results.Problem(statusCode: ex.StatusCode, title: "Upload refused", detail: ex.Message);
        }
        catch (BadHttpRequestException ex)
        {
            return RequestBodyLimit.Refused(ex, "Upload refused",
                $"{maxUploadRequestBytes} bytes: the upload limit (sources upload max_bytes) plus room for the form");
        }
        catch (InvalidDataException ex)
        {
            // With the boundary checked, what the form reader refuses is a form limit (part count, part size).
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload refused", detail: ex.Message);
        }
        catch (IOException ex) when (!ct.IsCancellationRequested)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed multipart form",
                detail: $"the body ends before the closing boundary '--{boundary}--' ({ex.Message})");
        }
    }

    /// <summary>A ledger row as the API shows it: id, state, attempts, the last error and when it changed.</summary>
    public static JsonObject Describe(LedgerEntry entry) => new()
    {
        ["id"] = entry.Id,
        ["state"] = RecordingLedger.Name(entry.State),
        ["path"] = entry.Path,
        ["attempts"] = entry.Attempts,
        ["last_error"] = entry.LastError,
        ["model_id"] = entry.ModelId,
        ["rule_pack_version"] = entry.RulePackVersion,
        ["created_at"] = entry.CreatedAt,
        ["updated_at"] = entry.UpdatedAt,
    };
}
