using System.Diagnostics;
using System.Globalization;
using System.Text;
using FunAsr.Ingest.Store;
using Microsoft.AspNetCore.StaticFiles;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Web;

/// <summary>
/// The calls the page shows, from the embedded store: <c>/ui/api/calls</c> (a filtered page, with the server time
/// it took), <c>/ui/api/choices</c>, <c>/ui/api/calls/{id}</c> (the stored document), <c>/ui/api/export</c> (CSV or
/// JSON, as <c>export</c> writes them) and <c>/audio/{id}</c>. The audio's file is the one the store recorded for
/// that id: no part of a URL is ever used as a path.
/// </summary>
internal static class WebCallsEndpoints
{
    private const int MaxPageSize = 200;

    private static readonly FileExtensionContentTypeProvider AudioTypes = new();

    public static void Map(IEndpointRouteBuilder app, EmbeddedStore? store, WebSessionRequired session)
    {
        app.MapGet("/ui/api/calls", (HttpRequest request) => WithStore(store, s =>
        {
            var clock = Stopwatch.StartNew();
            var (total, calls) = new CallListing(s).Page(Filter(request));
            return Results.Json(new
            {
                total,
                calls = calls.Select(Row),
                server_ms = clock.Elapsed.TotalMilliseconds,
            }, DocumentJson.Options);
        })).AllowAnonymous().WithMetadata(session);

        app.MapGet("/ui/api/choices", () => WithStore(store, s => Results.Json(new CallListing(s).Choices(), DocumentJson.Options)))
            .AllowAnonymous().WithMetadata(session);

        app.MapGet("/ui/api/calls/{id}", (string id, bool? download) => WithStore(store, s =>
            s.GetDocumentJson(id) is not { } json ? NotStored(id)
            : download == true ? Results.File(Encoding.UTF8.GetBytes(json), "application/json; charset=utf-8", FileName(id, ".json"))
            : Results.Text(json, "application/json; charset=utf-8"))).AllowAnonymous().WithMetadata(session);

        app.MapGet("/ui/api/export", (HttpRequest request, string? format) => WithStore(store, s =>
        {
            var documents = new CallListing(s).Documents(Filter(request) with { Page = 0 });
            var csv = format != "json";
            var body = new StringWriter();
            if (csv) RecordingCsv.Write(body, documents);
            else DocumentArray.Write(body, documents);
            // CSV carries a byte order mark as `export -o calls.csv` writes it, so spreadsheets read it as UTF-8.
            var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: csv).GetPreamble().Concat(Encoding.UTF8.GetBytes(body.ToString())).ToArray();
            return Results.File(bytes, csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
                csv ? "calls.csv" : "calls.json");
        })).AllowAnonymous().WithMetadata(session);

        app.MapGet("/audio/{id}", (string id) => WithStore(store, s =>
        {
            if (s.GetSourcePath(id) is not { } path) return NotStored(id);
            if (!File.Exists(path))
                return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Recording file gone",
                    detail: $"the recording '{id}' is stored but its audio file is no longer where it was read");
            var type = AudioTypes.TryGetContentType(path, out var t) ? t : "application/octet-stream";
            return Results.File(path, type, enableRangeProcessing: true);
        })).AllowAnonymous().WithMetadata(session);
    }

    /// <summary>The filter from the query string: q, from, to (ISO; a bare date's <c>to</c> means its whole day), tag, severity, field, speaker, language, page, size.</summary>
    private static CallFilter Filter(HttpRequest request)
    {
        var query = request.Query;
        string? Text(string name) => query[name].ToString() is { Length: > 0 } v ? v : null;
        DateTimeOffset? Time(string name, bool endOfDay)
        {
            if (Text(name) is not { } value) return null;
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                throw new FormatException($"'{name}={value}' is not a date or time such as 2026-12-07 or 2026-12-07T09:30");
            return endOfDay && value.Length <= 10 ? at.AddDays(1).AddTicks(-1) : at;
        }
        int Number(string name, int fallback) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var n) ? n : fallback;
        return new CallFilter(Text("q"), Time("from", false), Time("to", true), Text("tag"), Text("severity"), Text("field"),
            Text("speaker"), Text("language"), Math.Max(0, Number("page", 0)), Math.Clamp(Number("size", 50), 1, MaxPageSize));
    }

    /// <summary>A calls-list row as JSON (the search hit's highlights as start/length pairs).</summary>
    private static object Row(CallSummary c) => new
    {
        recording_id = c.RecordingId, call_id = c.CallId, agent = c.Agent, direction = c.Direction, started_at = c.StartedAt,
        processed_at = c.ProcessedAt, duration_seconds = c.DurationSeconds, language = c.Language, tags = c.Tags,
        alerts = c.Alerts, top_severity = c.TopSeverity,
        hit = c.Hit is not { } h ? null : new
        {
            start = h.Start?.TotalSeconds, end = h.End?.TotalSeconds, channel = h.Channel, speaker = h.Speaker, text = h.Text,
            highlights = h.Highlights.Select(x => new { start = x.Start, length = x.Length }),
        },
    };

    private static IResult WithStore(EmbeddedStore? store, Func<EmbeddedStore, IResult> answer)
    {
        if (store is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No embedded store",
                detail: "the page reads the embedded store: add '- type: sqlite' under sinks: in the configuration");
        try
        {
            return answer(store);
        }
        catch (FormatException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad filter", detail: ex.Message);
        }
    }

    private static IResult NotStored(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown recording", detail: $"no recording with id '{id}' in the store");

    private static string FileName(string id, string extension) =>
        new string([.. id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]) + extension;
}
