using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Retry;

/// <summary>The one backoff: its delays, their jitter bounds, the cap, the attempts it allows and the clock it waits on.</summary>
public sealed class RetryPolicyTests
{
    private static RetryPolicy Policy(double firstSeconds = 1, double maxSeconds = 60, int maxAttempts = 3, int seed = 7) =>
        new(TimeSpan.FromSeconds(firstSeconds), TimeSpan.FromSeconds(maxSeconds), maxAttempts, TimeProvider.System) { Random = new Random(seed) };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    public void Each_wait_lies_between_half_and_all_of_a_ceiling_that_doubles_per_retry(int retry, double ceilingSeconds)
    {
        var policy = Policy();

        for (var i = 0; i < 500; i++)
            Assert.InRange(policy.DelayBefore(retry), TimeSpan.FromSeconds(ceilingSeconds / 2), TimeSpan.FromSeconds(ceilingSeconds));
    }

    [Fact]
    public void The_jitter_spreads_waits_over_the_whole_upper_half()
    {
        var policy = Policy(firstSeconds: 10);

        var waits = Enumerable.Range(0, 500).Select(_ => policy.DelayBefore(1).TotalSeconds).ToList();

        Assert.True(waits.Min() < 5.5, $"shortest wait {waits.Min()} s");
        Assert.True(waits.Max() > 9.5, $"longest wait {waits.Max()} s");
        Assert.True(waits.Distinct().Count() > 450, "waits repeat: no jitter");
    }

    [Theory]
    [InlineData(7)]
    [InlineData(60)]
    [InlineData(10_000)]
    public void No_wait_exceeds_the_cap_however_many_retries(int retry)
    {
        var policy = Policy(firstSeconds: 1, maxSeconds: 60);

        for (var i = 0; i < 100; i++)
            Assert.InRange(policy.DelayBefore(retry), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_zero_first_delay_retries_at_once()
    {
        Assert.Equal(TimeSpan.Zero, Policy(firstSeconds: 0).DelayBefore(5));
    }

    [Fact]
    public void Max_attempts_counts_the_first_try()
    {
        var policy = Policy(maxAttempts: 3);

        Assert.Equal([true, true, false, false], new[] { 1, 2, 3, 4 }.Select(policy.AllowsAnotherAfter));
        Assert.False(Policy(maxAttempts: 1).AllowsAnotherAfter(1));
    }

    [Fact]
    public void There_is_no_retry_before_the_first_try()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Policy().DelayBefore(0));
    }

    [Fact]
    public async Task The_wait_runs_on_the_injected_clock()
    {
        var time = new WatchedTimeProvider();
        var policy = Policy() with { Time = time };
        var delay = policy.DelayBefore(1);

        var waiting = policy.WaitAsync(delay, CancellationToken.None);
        Assert.Equal(delay, await time.NextWaitAsync(CancellationToken.None));
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await waiting;
    }

    [Fact]
    public void The_pipeline_section_describes_the_policy_and_rejects_a_cap_below_the_first_wait()
    {
        var settings = new PipelineSettings { RetryBackoffSeconds = 4, RetryMaxBackoffSeconds = 30, MaxAttempts = 5 };

        var policy = settings.Retry(TimeProvider.System);

        Assert.Equal((TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(30), 5), (policy.FirstDelay, policy.MaxDelay, policy.MaxAttempts));
        Assert.Empty(settings.Validate());
        settings.RetryMaxBackoffSeconds = 2;
        Assert.Equal("pipeline.retry_max_backoff_seconds: must be at least retry_backoff_seconds (4) (got 2)", Assert.Single(settings.Validate()));
    }
}
