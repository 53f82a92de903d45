using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunAsr.Ingest.Api;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers, no check runs) and <c>/readyz</c> (<see cref="ReadinessCheck"/>;
/// 503 with the problems while not ready), both ASP.NET Core health-check endpoints; no key needed.
/// </summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static void AddHealth(IServiceCollection services, IngestServices ingest, Func<IEnumerable<string>> roleProblems) =>
        services.AddHealthChecks().Add(new HealthCheckRegistration("pipeline",
            new ReadinessCheck(ingest, roleProblems, new SinkProbeCache(TimeProvider.System)), HealthStatus.Unhealthy, [ReadyTag]));

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok\n"),
        }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status == HealthStatus.Healthy
                ? "ready\n"
                : "not ready: " + string.Join("; ", report.Entries.Values.Select(e => e.Description)) + "\n"),
        }).AllowAnonymous();
    }
}
