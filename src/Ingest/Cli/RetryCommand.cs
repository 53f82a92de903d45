using System.CommandLine;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>retry --failed [--sink NAME] [--id ID]...</c>: puts failed recordings back in the queue (attempts reset), e.g. after
/// fixing the Elasticsearch mapping that rejected them; a running host picks them up, or the next <c>ingest</c>.
/// </summary>
internal static class RetryCommand
{
    public static Command Create()
    {
        var failed = new Option<bool>("--failed")
        {
            Description = "Re-queue every failed recording (narrowed by --sink and --id).",
        };
        var sink = new Option<string?>("--sink")
        {
            Description = "Only recordings a sink failed or rejected, by its type. Example: --sink elasticsearch",
        };
        sink.AcceptOnlyFromAmong([.. ComponentCatalog.Sinks.Select(r => r.Id)]);
        var ids = new Option<string[]>("--id")
        {
            Description = "Only these recordings (repeatable): the ids `status` lists. Example: --id CALL-1001",
            AllowMultipleArgumentsPerToken = true,
        };
        var config = CliOptions.Config();
        var command = new Command("retry",
            "Put failed recordings back in the queue with their attempts reset, to be processed and delivered again once the " +
            "cause is fixed (a mapping Elasticsearch rejected, a model or disk problem). A running host picks them up within " +
            "pipeline.poll_seconds; otherwise the next `ingest ... --once` does.\n" +
            "Examples:\n  funasr-pipeline retry --failed --sink elasticsearch\n  funasr-pipeline retry --id CALL-1001 --id CALL-1002")
        {
            failed, sink, ids, config,
        };
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(() =>
        {
            var wanted = pr.GetValue(ids) ?? [];
            if (!pr.GetValue(failed) && wanted.Length == 0)
                throw new FormatException("say which recordings: --failed (every failed one, optionally --sink NAME) or --id ID");
            var settings = ConfigLoader.Load(pr.GetValue(config));
            if (!File.Exists(settings.LedgerPath))
                throw new FormatException($"no ledger at {settings.LedgerPath}: nothing has been ingested with this data_dir");
            var requeued = new RecordingLedger(settings.LedgerPath).RequeueFailed(pr.GetValue(sink), wanted);
            var stdout = pr.InvocationConfiguration.Output;
            stdout.WriteLine(requeued.Count == 0
                ? "Nothing re-queued: no failed recording matches."
                : $"Re-queued {requeued.Count} recording(s): {string.Join(", ", requeued)}.");
            foreach (var id in wanted.Except(requeued, StringComparer.Ordinal))
                stdout.WriteLine($"Not re-queued (unknown, or not failed): {id}.");
            return Task.FromResult(0);
        }));
        return command;
    }
}
