using System.CommandLine;
using System.Collections.Concurrent;
using System.Diagnostics;
using FunAsr.Ingest.Ledger;
using Spectre.Console;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Cli;

/// <summary>Collects what happened to each recording in an <c>ingest</c> run and prints the summary table.</summary>
internal sealed class IngestSummary
{
    private readonly ConcurrentDictionary<string, RecordingFinished> _last = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private List<LedgerEntry> _failedEarlier = [];

    public void Add(RecordingFinished finished) => _last[finished.RecordingId] = finished;

    /// <summary>
    /// Recordings among this run's inputs that a previous run left failed (a crashed run, say): they are listed and
    /// counted too, so the exit code says the inputs are not all stored.
    /// </summary>
    public void AddFailedEarlier(IEnumerable<LedgerEntry> failed) =>
        _failedEarlier = [.. failed.Where(e => !_last.ContainsKey(e.Id)).OrderBy(e => e.Path, StringComparer.Ordinal)];

    public int Stored => _last.Values.Count(f => f.Outcome == RecordingOutcome.Stored);

    public int Failed => _last.Values.Count(f => f.Outcome == RecordingOutcome.Failed) + _failedEarlier.Count;

    public int Finished => _last.Values.Count(f => f.Outcome != RecordingOutcome.Retrying);

    public void Render(IAnsiConsole console, string storePath)
    {
        var stored = _last.Values.Where(f => f.Outcome == RecordingOutcome.Stored).ToList();
        var failed = _last.Values.Where(f => f.Outcome == RecordingOutcome.Failed).OrderBy(f => f.Path).ToList();
        var audio = TimeSpan.FromTicks(stored.Sum(f => f.Duration.Ticks));
        var wall = _clock.Elapsed;
        var table = new Table().Title("Ingest summary").HideHeaders().AddColumn("").AddColumn(new TableColumn("").RightAligned());
        table.AddRow("Recordings stored", stored.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Recordings failed", Failed == 0 ? "0" : $"[red]{Failed}[/]");
        table.AddRow("Audio duration", audio.ToString(@"h\:mm\:ss\.f", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Fields extracted", stored.Sum(f => f.Fields).ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Alerts raised", stored.Sum(f => f.Alerts).ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Wall time", wall.ToString(@"h\:mm\:ss\.f", System.Globalization.CultureInfo.InvariantCulture));
        if (audio > TimeSpan.Zero)
            table.AddRow("Real-time factor", (wall / audio).ToString("F3", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Store", Markup.Escape(storePath));
        console.Write(table);
        foreach (var f in failed)
            console.MarkupLine($"[red]failed[/] {Markup.Escape(f.Error ?? f.Path)}");
        foreach (var e in _failedEarlier)
            console.MarkupLine($"[red]failed in an earlier run[/] {Markup.Escape(e.Path)}: {Markup.Escape(e.LastError ?? "no reason recorded")}");
    }
}
