using FunAsr.Ingest.Retry;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// One named <see cref="HttpClient"/> per configured webhook from <see cref="IHttpClientFactory"/>, each behind the
/// standard resilience handler: retries of transient answers (5xx, 408, 429, connection errors, timeouts) after the
/// host's <see cref="RetryPolicy"/> waits (a <c>Retry-After</c> answer wins) up to the hook's <c>max_attempts</c>; a
/// circuit breaker that stops calling a hook that keeps failing; a timeout per attempt. Other 4xx answers are not
/// retried. Every wait runs on the policy's clock.
/// </summary>
internal sealed class WebhookClients : IDisposable
{
    /// <summary>How long a broken circuit stays open before a trial call.</summary>
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    private readonly ServiceProvider _provider;
    private readonly IHttpClientFactory _factory;
    private readonly TimeProvider _time;

    /// <param name="settings">The webhooks.</param>
    /// <param name="retry">The waits between tries and their clock; each hook's <c>max_attempts</c> bounds its tries.</param>
    /// <param name="onRetry">Called for each failed attempt that is retried.</param>
    public WebhookClients(AlertSettings settings, RetryPolicy retry, Action onRetry)
    {
        _time = retry.Time;
        var services = new ServiceCollection();
        services.AddSingleton(retry.Time);   // Polly's builders take their clock from here
        services.AddHttpClient();
        for (var i = 0; i < settings.Webhooks.Count; i++)
        {
            var hook = settings.Webhooks[i];
            services.AddHttpClient(Name(i), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler(Name(i), pipeline =>
                {
                    if (hook.MaxAttempts > 1) pipeline.AddRetry(RetryOptions(retry with { MaxAttempts = hook.MaxAttempts }, onRetry));
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

    /// <summary>Waits until a broken circuit lets a trial call through.</summary>
    public Task WaitForCircuitAsync(CancellationToken ct) => Task.Delay(BreakDuration, _time, ct);

    /// <summary>The client of the webhook at <paramref name="index"/> under <c>alerts.webhooks</c>.</summary>
    public HttpClient For(int index) => _factory.CreateClient(Name(index));

    /// <summary>True for the exception a call gets while the hook's circuit is open.</summary>
    public static bool IsCircuitOpen(Exception ex) => ex is BrokenCircuitException;

    public void Dispose() => _provider.Dispose();

    private static string Name(int index) => $"webhook-{index}";

    private static HttpRetryStrategyOptions RetryOptions(RetryPolicy retry, Action onRetry)
    {
        var options = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxAttempts - 1,
            ShouldRetryAfterHeader = true,
            OnRetry = _ =>
            {
                onRetry();
                return default;
            },
        };
        // ShouldRetryAfterHeader set a generator that reads Retry-After and gives null without one; the policy fills in.
        var retryAfter = options.DelayGenerator!;
        options.DelayGenerator = async args => await retryAfter(args) ?? retry.DelayBefore(args.AttemptNumber + 1);
        return options;
    }
}
