using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// One named <see cref="HttpClient"/> per configured webhook from <see cref="IHttpClientFactory"/>, each behind the
/// standard resilience handler: retries of transient answers (5xx, 408, 429, connection errors, timeouts) with
/// exponential backoff and jitter up to the hook's <c>max_attempts</c>, honouring <c>Retry-After</c>; a circuit
/// breaker that stops calling a hook that keeps failing; a timeout per attempt. Other 4xx answers are not retried.
/// </summary>
internal sealed class WebhookClients : IDisposable
{
    /// <summary>How long a broken circuit stays open before a trial call.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _provider;
    private readonly IHttpClientFactory _factory;

    /// <param name="settings">The webhooks.</param>
    /// <param name="retryDelay">The first retry's delay; it doubles per attempt (a <c>Retry-After</c> answer wins).</param>
    /// <param name="onRetry">Called for each failed attempt that is retried.</param>
    public WebhookClients(AlertSettings settings, TimeSpan retryDelay, Action onRetry)
    {
        var services = new ServiceCollection();
        services.AddHttpClient();
        for (var i = 0; i < settings.Webhooks.Count; i++)
        {
            var hook = settings.Webhooks[i];
            services.AddHttpClient(Name(i), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler(Name(i), pipeline =>
                {
                    if (hook.MaxAttempts > 1)
                        pipeline.AddRetry(new HttpRetryStrategyOptions
                        {
                            MaxRetryAttempts = hook.MaxAttempts - 1,
                            Delay = retryDelay,
                            BackoffType = DelayBackoffType.Exponential,
                            UseJitter = true,
                            ShouldRetryAfterHeader = true,
                            OnRetry = _ =>
                            {
                                onRetry();
                                return default;
                            },
                        });
                    pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = 0.9, MinimumThroughput = 10, SamplingDuration = TimeSpan.FromMinutes(1), BreakDuration = BreakDuration,
                    });
                    pipeline.AddTimeout(TimeSpan.FromSeconds(30));
                });
        }
        _provider = services.BuildServiceProvider();
        _factory = _provider.GetRequiredService<IHttpClientFactory>();
    }

    /// <summary>The client of the webhook at <paramref name="index"/> under <c>alerts.webhooks</c>.</summary>
    public HttpClient For(int index) => _factory.CreateClient(Name(index));

    /// <summary>True for the exception a call gets while the hook's circuit is open.</summary>
    public static bool IsCircuitOpen(Exception ex) => ex is BrokenCircuitException;

    public void Dispose() => _provider.Dispose();

    private static string Name(int index) => $"webhook-{index}";
}
