using System.CommandLine;
using System.Text;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Store;
using Spectre.Console;

namespace FunAsr.Ingest.Cli;

/// <summary><c>search QUERY</c>: matching segments from the embedded store with highlighted snippets and the segment time.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string?>("query")
        {
            Arity = ArgumentArity.ZeroOrOne,
            Description = "Words that must all occur in one segment (any substring, Chinese included, case-insensitive; " +
                          "written or spoken form). May be omitted when --field is given.",
        };
        var fields = CliOptions.Fields();
        var since = CliOptions.Since();
        var limit = CliOptions.Limit(20);
        var config = CliOptions.Config();
        var command = new Command("search",
            "Search transcripts in the embedded store (data/funasr.db).\n" +
            "Examples:\n  funasr-pipeline search 13812345678\n  funasr-pipeline search 退款\n" +
            "  funasr-pipeline search refund --since 7d --limit 50\n  funasr-pipeline search --field phone=13812345678");
        command.Arguments.Add(text);
        command.Options.Add(fields);
        command.Options.Add(since);
        command.Options.Add(limit);
        command.Options.Add(config);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(() =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config));
            var query = new StoreQuery(pr.GetValue(text), [.. (pr.GetValue(fields) ?? []).Select(StoreQuery.ParseField)],
                pr.GetValue(since) is { } s ? StoreQuery.ParseSince(s, DateTimeOffset.UtcNow) : null, pr.GetValue(limit));
            if (!File.Exists(settings.StorePath))
                throw new FormatException($"no embedded store at {settings.StorePath}: run 'funasr-pipeline ingest PATH --once' first");
            var hits = new StoreSearch(new EmbeddedStore(settings.StorePath)).Search(query);
            foreach (var hit in hits)
            {
                var where = hit.Start is { } start
                    ? $"{start:mm\\:ss\\.f}–{hit.End ?? start:mm\\:ss\\.f} ch{hit.Channel}{(hit.Speaker is null ? "" : " " + hit.Speaker)}"
                    : "";
                AnsiConsole.MarkupLine($"[blue]{Markup.Escape(hit.RecordingId)}[/] {Markup.Escape(Path.GetFileName(hit.SourcePath))} [grey]{Markup.Escape(where)}[/]");
                AnsiConsole.MarkupLine("  " + Snippet(hit));
            }
            AnsiConsole.MarkupLine($"[grey]{hits.Count} match(es)[/]");
            return Task.FromResult(hits.Count > 0 ? 0 : 1);
        }));
        return command;
    }

    /// <summary>Up to 40 characters either side of the first match, with every match highlighted.</summary>
    private static string Snippet(SearchHit hit)
    {
        var text = hit.Text;
        var from = hit.Highlights.Count > 0 ? Math.Max(0, hit.Highlights[0].Start - 40) : 0;
        var to = Math.Min(text.Length, (hit.Highlights.Count > 0 ? hit.Highlights[0].Start + hit.Highlights[0].Length : 0) + 40);
        var markup = new StringBuilder(from > 0 ? "…" : "");
        var at = from;
        foreach (var (start, length) in hit.Highlights.Where(h => h.Start >= from && h.Start + h.Length <= to))
        {
            if (start < at) continue;
            markup.Append(Markup.Escape(text[at..start])).Append("[black on yellow]").Append(Markup.Escape(text.Substring(start, length))).Append("[/]");
            at = start + length;
        }
        markup.Append(Markup.Escape(text[at..to])).Append(to < text.Length ? "…" : "");
        return markup.ToString();
    }
}
