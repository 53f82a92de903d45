using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Web;

/// <summary>
/// The rule pack as the page shows it: <c>GET /ui/api/rules</c> lists the rules in use with their descriptions and
/// examples, plus the problems the rule files on disk have now (file:line:col: a bad edit is not loaded, so it is
/// shown here); <c>POST /ui/api/rules/try</c> runs the rules on a text and answers every capture with its span.
/// </summary>
internal static class WebRulesEndpoints
{
    /// <summary>Longest text the try box runs (characters).</summary>
    private const int MaxTryChars = 10_000;

    private static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(5);

    internal sealed record TryRequest(string? Text, string? Speaker, string? Language);

    public static void Map(IEndpointRouteBuilder app, IngestServices services, WebSessionRequired session)
    {
        app.MapGet("/ui/api/rules", () =>
        {
            var location = services.Settings.Rules.Resolve();
            var rules = services.Extractor?.Rules;
            IReadOnlyList<RuleProblem> problems = [];
            if (location is not null)
            {
                try
                {
                    RuleSet.Load(location.Directory);
                }
                catch (RuleFileException ex)
                {
                    problems = ex.Problems;
                }
            }
            return Results.Json(new
            {
                directory = location?.Directory,
                version = services.Rules.Current.Version,
                rules = rules?.Rules.Select(r => new
                {
                    id = r.Id,
                    description = r.Description,
                    location = r.Location.ToString(),
                    tags = r.Tags,
                    fields = r.Fields.Select(f => f.Name),
                    alert = r.Alert is not null,
                    examples = r.Examples.Select(e => e.Text),
                }) ?? [],
                problems = problems.Select(p => new { file = p.File, line = p.Line, column = p.Column, message = p.Message }),
            }, DocumentJson.Options);
        }).AllowAnonymous().WithMetadata(session);

        app.MapPost("/ui/api/rules/try", async (HttpContext context) =>
        {
            if (services.Extractor is not { } extractor)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No rules loaded", detail: "set rules.directory in the configuration");
            TryRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<TryRequest>(context.Request.Body, JsonSerializerOptions.Web, context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: ex.Message);
            }
            if (request?.Text is not { Length: > 0 and <= MaxTryChars } text)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No text",
                    detail: $"send {{\"text\": \"...\"}} with 1 to {MaxTryChars} characters");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            deadline.CancelAfter(TryTimeout);
            var result = extractor.Extract(new ExtractionInput(text, request.Speaker, null, request.Language), deadline.Token);
            return Results.Json(result, DocumentJson.Options);
        }).AllowAnonymous().WithMetadata(session);
    }
}
