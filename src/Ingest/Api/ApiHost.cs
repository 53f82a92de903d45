using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Observability;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sources.Upload;
using FunAsr.Ingest.Store;
using Microsoft.AspNetCore.Http.Features;

namespace FunAsr.Ingest.Api;

/// <summary>
/// The HTTP API in the same process as the pipeline (ASP.NET Core minimal API). Health endpoints and the Prometheus
/// <c>/metrics</c> (<see cref="PipelineTelemetry"/>) are open;
/// everything else goes through <see cref="ApiKeyAuthentication"/> before its body is read, then gets its own
/// <see cref="RequestBodyLimit"/> (uploads: <c>max_bytes</c>; extract: from <c>api.extract_max_chars</c>; the rest
/// 64 KiB). Listens on <c>api.urls</c> (localhost by default).
/// </summary>
internal static class ApiHost
{
    /// <summary>Room in an upload request for the multipart framing and the metadata and hotwords parts.</summary>
    private const long UploadEnvelopeBytes = 1 << 20;

    /// <summary>The API around <paramref name="service"/> (the process's role); <paramref name="roleProblems"/> says what keeps the role from being ready, for <c>/readyz</c>.</summary>
    public static WebApplication Build(IngestServices services, Func<IEnumerable<string>> roleProblems, PipelineService service)
    {
        var settings = services.Settings;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.Loggers);
        builder.WebHost.UseUrls([.. settings.Api.Urls, .. settings.Api.MetricsUrls]);
        var upload = services.Sources.OfType<UploadSource>().FirstOrDefault();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBodyLimit.Default);
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxUploadRequestBytes(upload);
            // The form has three parts; each text part is checked against its own, smaller limit.
            o.ValueCountLimit = 16;
            o.ValueLengthLimit = (int)UploadEnvelopeBytes;
        });
        builder.Services.AddSingleton<IHostedService>(service);
        builder.Services.AddPipelineTelemetry(prometheus: true);
        HealthEndpoints.AddHealth(builder.Services, services, roleProblems);
        var app = builder.Build();

        MapMetrics(app, settings.Api);
        app.Use(new ApiKeyAuthentication(settings.Api.Keys).InvokeAsync);
        app.Use(RequestBodyLimit.ApplyAsync);
        HealthEndpoints.Map(app);
        var store = settings.Sinks.OfType<SqliteSinkOptions>().Any() ? new EmbeddedStore(settings.StorePath) : null;
        RecordingEndpoints.Map(app, services, store, MaxUploadRequestBytes(upload));
        ExtractEndpoint.Map(app, services, settings.Api);
        ExtractBatch.Map(app, services, settings.Api);
        SearchEndpoints.Map(app, store);
        return app;
    }

    /// <summary>Largest upload request: the upload source's <c>max_bytes</c> plus room for the form.</summary>
    public static long MaxUploadRequestBytes(UploadSource? upload) => (upload?.MaxBytes ?? 0) + UploadEnvelopeBytes;

    /// <summary>
    /// <c>/metrics</c> without a key: on <c>api.metrics_urls</c> alone when configured (and nothing else there), else on
    /// the API's address.
    /// </summary>
    private static void MapMetrics(WebApplication app, ApiSettings api)
    {
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        if (api.MetricsUrls.Count == 0) return;
        var metricsPorts = api.MetricsUrls.Select(u => new Uri(u).Port).ToHashSet();
        metrics.RequireHost([.. metricsPorts.Select(port => $"*:{port}")]);
        app.Use((context, next) =>
            metricsPorts.Contains(context.Connection.LocalPort) && context.Request.Path != "/metrics"
                ? Results.NotFound().ExecuteAsync(context)
                : next(context));
    }
}
