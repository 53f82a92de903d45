using FunAsr.Ingest.Pipeline;
using FunAsr.Recognizer;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FunAsr.Ingest.Observability;

/// <summary>
/// OpenTelemetry for the host: the pipeline's meter (<see cref="PipelineMetrics"/>) exported as Prometheus text on
/// <c>/metrics</c> when the API is on, and metrics plus traces (<see cref="PipelineTracing"/>,
/// <see cref="RecognizerTracing"/>) over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the
/// other standard <c>OTEL_*</c> variables itself: protocol, headers, timeout).
/// </summary>
internal static class PipelineTelemetry
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string ServiceName = "funasr-pipeline";

    private static bool OtlpConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OtlpEndpointVariable));

    /// <summary>Registers the providers in a host's services; <paramref name="prometheus"/> adds the scraping endpoint's exporter.</summary>
    public static void AddPipelineTelemetry(this IServiceCollection services, bool prometheus)
    {
        if (!prometheus && !OtlpConfigured) return;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineMetrics.MeterName, RecognizerMetrics.MeterName);
                if (prometheus) metrics.AddPrometheusExporter();
                if (OtlpConfigured) metrics.AddOtlpExporter();
            });
        if (OtlpConfigured)
            telemetry.WithTracing(tracing => tracing.AddSource(PipelineTracing.SourceName, RecognizerTracing.SourceName).AddOtlpExporter());
    }

    /// <summary>
    /// For a command without a host (<c>ingest</c>): OTLP export when configured, flushed when the returned object is
    /// disposed; null when OTLP is not configured.
    /// </summary>
    public static IDisposable? StartOtlpExport()
    {
        if (!OtlpConfigured) return null;
        var resource = ResourceBuilder.CreateDefault().AddService(ServiceName);
        return new Providers(
            Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource)
                .AddSource(PipelineTracing.SourceName, RecognizerTracing.SourceName).AddOtlpExporter().Build(),
            Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource)
                .AddMeter(PipelineMetrics.MeterName, RecognizerMetrics.MeterName).AddOtlpExporter().Build());
    }

    private sealed class Providers(TracerProvider tracing, MeterProvider metrics) : IDisposable
    {
        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }
}
