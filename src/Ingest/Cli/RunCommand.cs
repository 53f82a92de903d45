using System.CommandLine;
using FunAsr.Ingest.Api;
using FunAsr.Ingest.Web;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Observability;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Cli;

/// <summary><c>run</c>: the long-running host: configured sources → pipeline → sinks, plus the HTTP API when enabled.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var logFormat = CliLogging.FormatOption();
        var threads = CliOptions.Threads("recognizer.intra_op_threads");
        var interOpThreads = CliOptions.InterOpThreads("recognizer.inter_op_threads");
        var command = new Command("run",
            "Run the ingest host until stopped (Ctrl+C or SIGTERM): watch the configured inbox folders, transcribe, extract, " +
            "alert and store; serve the HTTP API when api.enabled is true. In-flight recordings stay queued for the next start.\n" +
            "Examples:\n  funasr-pipeline run --config config/funasr-pipeline.yaml\n" +
            "  FUNASR_API_ENABLED=true FUNASR_API_KEYS=secret funasr-pipeline run");
        command.Options.Add(config);
        command.Options.Add(logFormat);
        command.Options.Add(threads);
        command.Options.Add(interOpThreads);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config), servesApi: true);
            settings.Recognizer.OverrideThreads(pr.GetValue(threads), pr.GetValue(interOpThreads));
            using var loggers = CliLogging.Create(LogLevel.Information, pr.GetValue(logFormat)!);
            using var services = new IngestServices(settings, loggers);
            services.LockDataFolder();
            var runner = services.CreateRunner();
            await runner.LoadModelAsync(ct);
            var service = new PipelineService(runner);
            IHost host;
            if (settings.Api.Enabled)
            {
                var app = ApiHost.Build(services, runner, service);
                if (settings.Ui.Enabled) WebPage.Map(app, services);
                host = app;
            }
            else
            {
                var builder = Host.CreateApplicationBuilder();
                builder.Logging.ClearProviders();
                builder.Services.AddSingleton(loggers);
                builder.Services.AddSingleton<IHostedService>(service);
                builder.Services.AddPipelineTelemetry(prometheus: false);
                host = builder.Build();
            }
            using (host)
                await host.RunAsync(ct);
            if (service.Failure is { } failure)
            {
                Console.Error.WriteLine($"error: the pipeline stopped: {failure.Message}");
                return 1;
            }
            return 0;
        }));
        return command;
    }
}
