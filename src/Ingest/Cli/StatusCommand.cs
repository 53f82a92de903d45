using System.CommandLine;
using System.Globalization;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using Spectre.Console;

namespace FunAsr.Ingest.Cli;

/// <summary><c>status</c>: ledger counts by state, the oldest queued recording and the latest failures.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var command = new Command("status",
            "Show the ledger: recordings by state (queued, decoding, recognized, extracted, stored, failed), how long the " +
            "oldest queued one has waited, and the most recent failures with their reasons.\n" +
            "Example:\n  funasr-pipeline status --config config/funasr-pipeline.yaml");
        command.Options.Add(config);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(() =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config));
            if (!File.Exists(settings.LedgerPath))
            {
                AnsiConsole.MarkupLine($"No ledger yet at {Markup.Escape(settings.LedgerPath)}: nothing has been ingested.");
                return Task.FromResult(0);
            }
            var ledger = new RecordingLedger(settings.LedgerPath);
            var (byState, oldest) = ledger.Counts();
            var table = new Table().Title("Ledger " + Markup.Escape(ledger.Path)).AddColumn("State").AddColumn(new TableColumn("Recordings").RightAligned());
            foreach (var (state, count) in byState) table.AddRow(RecordingLedger.Name(state), count.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(oldest is { } at
                ? $"Oldest queued: {at:yyyy-MM-dd HH:mm:ss}Z (waiting {DateTimeOffset.UtcNow - at:d\\.hh\\:mm\\:ss})"
                : "Nothing queued.");
            foreach (var waiting in ledger.List(LedgerState.Extracted, 10).Where(e => e.LastError is not null))
                AnsiConsole.MarkupLine($"[yellow]waiting[/] {Markup.Escape(waiting.Id)} {Markup.Escape(waiting.Path)}: {Markup.Escape(waiting.LastError!)}" +
                                       (waiting.NextAttemptAt is { } next ? $" (next try {next:HH:mm:ss}Z)" : ""));
            foreach (var failed in ledger.List(LedgerState.Failed, 10))
                AnsiConsole.MarkupLine($"[red]failed[/] {Markup.Escape(failed.Id)} {Markup.Escape(failed.Path)}: {Markup.Escape(failed.LastError ?? "")}");
            if (byState[LedgerState.Failed] > 0)
                AnsiConsole.MarkupLine("Once the cause is fixed, [bold]funasr-pipeline retry --failed[/] (or --sink NAME, --id ID) queues them again.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
