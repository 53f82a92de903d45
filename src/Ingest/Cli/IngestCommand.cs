using System.CommandLine;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Observability;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sources.Folder;
using Spectre.Console;

namespace FunAsr.Ingest.Cli;

/// <summary><c>ingest PATH... [--once]</c>: the main job in batch mode, with a progress bar and a summary table.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Folders (scanned recursively; they replace the configured sources) and/or single recording files.",
        };
        var once = new Option<bool>("--once")
        {
            Description = "Process what is there now, wait until every recording is stored or failed, print the summary and exit " +
                          "(exit code 1 if any of these recordings is failed, in this run or an earlier one; each is listed with its reason). Without it the folders are watched until Ctrl+C.",
        };
        var config = CliOptions.Config();
        var logFormat = CliLogging.FormatOption();
        var verbose = CliOptions.Verbose();
        var threads = CliOptions.Threads("recognizer.intra_op_threads");
        var interOpThreads = CliOptions.InterOpThreads("recognizer.inter_op_threads");
        var command = new Command("ingest",
            "Transcribe, extract and store recordings from folders or files. Recordings already stored are skipped " +
            "(the ledger remembers them by call id or content hash); an interrupted run resumes.\n" +
            "Examples:\n  funasr-pipeline ingest samples/ --once\n  funasr-pipeline ingest /srv/calls/inbox --config funasr-pipeline.yaml");
        command.Arguments.Add(paths);
        command.Options.Add(once);
        command.Options.Add(config);
        command.Options.Add(logFormat);
        command.Options.Add(threads);
        command.Options.Add(interOpThreads);
        command.Options.Add(verbose);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config));
            settings.Recognizer.OverrideThreads(pr.GetValue(threads), pr.GetValue(interOpThreads));
            var inputs = pr.GetValue(paths)!;
            var missing = inputs.Where(p => !Directory.Exists(p) && !File.Exists(p)).ToList();
            if (missing.Count > 0) throw new FormatException($"not found: {string.Join(", ", missing)}");
            var folderDefaults = settings.Sources.OfType<FolderSourceOptions>().FirstOrDefault() ?? new FolderSourceOptions();
            settings.Sources = [.. inputs.Where(Directory.Exists).Select(dir => new FolderSourceOptions
            {
                Path = dir, StableSeconds = folderDefaults.StableSeconds, RescanSeconds = folderDefaults.RescanSeconds,
                Extensions = folderDefaults.Extensions,
            })];
            using var telemetry = PipelineTelemetry.StartOtlpExport();
            using var loggers = CliLogging.Create(pr.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning, pr.GetValue(logFormat)!);
            using var services = new IngestServices(settings, loggers);
            services.LockDataFolder();
            foreach (var file in inputs.Where(File.Exists)) services.Intake.Offer(file);
            var runner = services.CreateRunner();
            var summary = new IngestSummary();
            var runOnce = pr.GetValue(once);
            var console = AnsiConsole.Console;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("Recordings", maxValue: Math.Max(1, services.Ledger.Pending().Count));
                    services.Outcomes.Finished = finished =>
                    {
                        summary.Add(finished);
                        task.MaxValue = Math.Max(1, summary.Finished + services.Ledger.Pending().Count);
                        task.Value = summary.Finished;
                    };
                    await runner.RunAsync(runOnce, ct);
                    task.Value = task.MaxValue;
                });
            if (runOnce) summary.AddFailedEarlier(services.Ledger.FailedUnder(inputs));
            summary.Render(console, settings.StorePath);
            return summary.Failed > 0 ? 1 : 0;
        }));
        return command;
    }
}
