using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FunAsr.Ingest.Api;

/// <summary>
/// Readiness as an ASP.NET Core health check: the role's own conditions hold (the model is loaded; a cluster role is
/// connected to its broker), the ledger is writable, no sink is failing its
/// deliveries (<see cref="Pipeline.SinkHealth"/>), and every sink answers its health check (cached, <see cref="SinkProbeCache"/>).
/// </summary>
internal sealed class ReadinessCheck(IngestServices services, Func<IEnumerable<string>> roleProblems, SinkProbeCache probes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var problems = new List<string>();
        problems.AddRange(roleProblems());
        try
        {
            services.Ledger.CheckWritable();
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            problems.Add($"ledger {services.Ledger.Path}: {ex.Message}");
        }
        problems.AddRange(services.SinkHealth.Problems());
        foreach (var sink in services.Sinks)
            if (await probes.ProblemAsync(sink, ct) is { } problem) problems.Add(problem);
        return problems.Count == 0 ? HealthCheckResult.Healthy("ready") : HealthCheckResult.Unhealthy(string.Join("; ", problems));
    }
}
