using System.Net;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Alerts;

/// <summary>
/// The webhook clients against a real HTTP listener on loopback, on a fake clock: the waits between tries come from the
/// retry policy (or the hook's <c>Retry-After</c>), tries stop at the hook's <c>max_attempts</c>, 4xx is final, and a hook
/// that keeps failing opens its circuit until the break has passed on the same clock.
/// </summary>
public sealed class WebhookClientsTests : IDisposable
{
    /// <summary>The timeout of each try, also a timer on the clock; not a wait between tries.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    private readonly WebhookReceiver _hook = new();
    private readonly WatchedTimeProvider _time = new();
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(1));   // fails, rather than hangs, if no wait starts
    private int _retries;

    [Fact]
    public async Task The_waits_between_tries_come_from_the_retry_policy()
    {
        _hook.RefuseNext(2);
        using var clients = Clients(maxAttempts: 3);

        var posting = PostAsync(clients);
        var first = await NextWaitBetweenTriesAsync();
        Assert.InRange(first, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        _time.Advance(first);
        var second = await NextWaitBetweenTriesAsync();
        Assert.InRange(second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        _time.Advance(second);
        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((3, 2), (_hook.Requests, _retries));
    }

    [Fact]
    public async Task A_retry_after_answer_sets_the_wait_instead_of_the_policy()
    {
        _hook.RefuseNext(1);
        _hook.RetryAfter = "7";
        using var clients = Clients(maxAttempts: 3);

        var posting = PostAsync(clients);
        Assert.Equal(TimeSpan.FromSeconds(7), await NextWaitBetweenTriesAsync());
        _time.Advance(TimeSpan.FromSeconds(7));
        using var response = await posting;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _hook.Requests);
    }

    [Fact]
    public async Task Tries_stop_at_the_hook_s_max_attempts()
    {
        _hook.RefuseNext(int.MaxValue);
        using var clients = Clients(maxAttempts: 2);

        var posting = PostAsync(clients);
        _time.Advance(await NextWaitBetweenTriesAsync());
        using var response = await posting;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal((2, 1), (_hook.Requests, _retries));
    }

    [Fact]
    public async Task A_4xx_answer_is_final()
    {
        using var clients = Clients(maxAttempts: 3);

        using var response = await PostAsync(clients, "refuse");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((1, 0), (_hook.Requests, _retries));
    }

    [Fact]
    public async Task A_hook_that_keeps_failing_opens_its_circuit_until_the_break_has_passed_on_the_clock()
    {
        _hook.RefuseNext(10);
        using var clients = Clients(maxAttempts: 1);
        for (var i = 0; i < 10; i++)
        {
            using var refused = await PostAsync(clients);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        var open = await Assert.ThrowsAnyAsync<Exception>(() => PostAsync(clients));
        Assert.True(WebhookClients.IsCircuitOpen(open), open.ToString());
        Assert.Equal(10, _hook.Requests);
        var waiting = clients.WaitForCircuitAsync(_timeout.Token);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        await waiting;
        using var trial = await PostAsync(clients);

        Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
    }

    private WebhookClients Clients(int maxAttempts) => new(
        new AlertSettings { Webhooks = [new WebhookSettings { Url = _hook.Url + "hook", MaxAttempts = maxAttempts }] },
        new RetryPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), 1, _time) { Random = new Random(5) },
        () => Interlocked.Increment(ref _retries));

    private Task<HttpResponseMessage> PostAsync(WebhookClients clients, string path = "hook") =>
        clients.For(0).PostAsync(_hook.Url + path, new StringContent("""{"alert_id":"CALL-1:0:0"}"""), _timeout.Token);

    /// <summary>The next timer that is a wait between tries: not a try's timeout, nor a timer created idle (Polly makes some).</summary>
    private async Task<TimeSpan> NextWaitBetweenTriesAsync()
    {
        while (true)
        {
            var wait = await _time.NextWaitAsync(_timeout.Token);
            if (wait != AttemptTimeout && wait != Timeout.InfiniteTimeSpan) return wait;
        }
    }

    public void Dispose()
    {
        _hook.Dispose();
        _timeout.Dispose();
    }
}
