using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sources.Upload;
using FunAsr.Ingest.Store;
using Microsoft.AspNetCore.Http.Features;

namespace FunAsr.Ingest.Api;

/// <summary>
/// The HTTP API in the same process as the pipeline (ASP.NET Core minimal API). Health endpoints are open;
/// everything else goes through <see cref="ApiKeyFilter"/>. Listens on <c>api.urls</c> (localhost by default).
/// </summary>
internal static class ApiHost
{
    public static WebApplication Build(IngestServices services, PipelineRunner runner, PipelineService service)
    {
        var settings = services.Settings;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(services.Loggers);
        builder.WebHost.UseUrls([.. settings.Api.Urls]);
        var maxUpload = services.Sources.OfType<UploadSource>().Select(u => u.MaxBytes).DefaultIfEmpty(1 << 20).Max();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxUpload + (1 << 20));
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = maxUpload + (1 << 20));
        builder.Services.AddSingleton<IHostedService>(service);
        var app = builder.Build();

        HealthEndpoints.Map(app, services, runner);
        var api = app.MapGroup("").AddEndpointFilter(new ApiKeyFilter(settings.Api.Keys));
        var store = settings.Sinks.OfType<SqliteSinkOptions>().Any() ? new EmbeddedStore(settings.StorePath) : null;
        MetricsEndpoint.Map(api, services);
        RecordingEndpoints.Map(api, services, store);
        SearchEndpoints.Map(api, services, store);
        return app;
    }
}
