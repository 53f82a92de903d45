using System.CommandLine;
using FunAsr.Ingest.Api;
using FunAsr.Ingest.Cluster;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Observability;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Web;

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
        var role = new Option<string>("--role")
        {
            Description = "all-in-one (default; no broker), intake (sources → RabbitMQ jobs) or worker (jobs → transcribe → sinks); " +
                          "overrides cluster.role. intake and worker need cluster.broker.",
        };
        var command = new Command("run",
            "Run the ingest host until stopped (Ctrl+C or SIGTERM): watch the configured inbox folders, transcribe, extract, " +
            "alert and store; serve the HTTP API when api.enabled is true. In-flight recordings stay queued for the next start.\n" +
            "Examples:\n  funasr-pipeline run --config config/funasr-pipeline.yaml\n" +
            "  FUNASR_API_ENABLED=true FUNASR_API_KEYS=secret funasr-pipeline run\n" +
            "  FUNASR_CLUSTER_BROKER=amqp://guest:guest@localhost:5672/ funasr-pipeline run --role worker");
        command.Options.Add(config);
        command.Options.Add(role);
        command.Options.Add(logFormat);
        command.Options.Add(threads);
        command.Options.Add(interOpThreads);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var settings = ConfigLoader.Load(pr.GetValue(config), servesApi: true);
            settings.Recognizer.OverrideThreads(pr.GetValue(threads), pr.GetValue(interOpThreads));
            if (pr.GetValue(role) is { } flag)
            {
                settings.Cluster.Role = flag;
                if (settings.Cluster.Validate().ToList() is { Count: > 0 } problems)
                    throw new ConfigException(settings.SourceFile ?? "built-in defaults", problems);
            }
            using var loggers = CliLogging.Create(LogLevel.Information, pr.GetValue(logFormat)!);
            using var services = new IngestServices(settings, loggers);
            services.LockDataFolder();
            var (service, roleProblems) = await StartRoleAsync(services, ct);
            IHost host;
            if (settings.Api.Enabled)
            {
                var app = ApiHost.Build(services, roleProblems, service);
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

    /// <summary>The process's role as a hosted service, and what keeps it from being ready (for <c>/readyz</c>).</summary>
    private static async Task<(PipelineService Service, Func<IEnumerable<string>> Problems)> StartRoleAsync(IngestServices services, CancellationToken ct)
    {
        switch (services.Settings.Cluster.ParsedRole)
        {
            case ClusterRole.Intake:
                var intake = new IntakeRunner(services, services.Settings.Cluster);
                return (new PipelineService(intake.RunAsync), intake.Problems);
            case ClusterRole.Worker:
                var worker = new WorkerRunner(services, services.Settings.Cluster);
                return (new PipelineService(worker.RunAsync), worker.Problems);
            default:
                var runner = services.CreateRunner();
                await runner.LoadModelAsync(ct);
                return (new PipelineService(t => runner.RunAsync(once: false, t)), () => runner.Ready ? [] : ["model not loaded yet"]);
        }
    }
}
