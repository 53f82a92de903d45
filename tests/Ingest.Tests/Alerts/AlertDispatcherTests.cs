using FunAsr.Extractors;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Retry;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Alerts;

/// <summary>Webhook delivery from the ledger's outbox to a real HTTP listener on loopback.</summary>
public sealed class AlertDispatcherTests : IDisposable
{
    private readonly WebhookReceiver _hook = new();
    private readonly List<WebhookClients> _clients = [];
    private int _retries;

    [Fact]
    public async Task Alerts_of_a_stored_recording_reach_every_webhook_once_with_their_headers_and_a_stable_id()
    {
        var (ledger, settings) = Setup(webhooks: 2);
        var dispatcher = Dispatcher(settings, ledger);
        var doc = Document("CALL-1", alerts: 2);

        Assert.True(ledger.MarkStored("CALL-1", 0, dispatcher.Notices(doc, revision: 0)));
        dispatcher.Raised(doc);
        dispatcher.Complete();
        await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(4, _hook.Received.Count);
        Assert.Equal(["/hook0", "/hook0", "/hook1", "/hook1"], _hook.Received.Select(r => r.Path).Order());
        Assert.All(_hook.Received, r => Assert.Equal("Bearer secret", r.Token));
        Assert.Equal(["CALL-1:0:0", "CALL-1:0:1"], _hook.Received.Select(r => r.Body.GetProperty("alert_id").GetString()).Distinct().Order());
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public async Task Notices_left_by_a_host_that_died_before_sending_them_are_sent_by_the_next_one()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        var doc = Document("CALL-2", alerts: 1);
        ledger.MarkStored("CALL-2", 0, Dispatcher(settings, ledger).Notices(doc, revision: 0));

        var next = Dispatcher(settings, ledger);
        next.Complete();
        await next.RunAsync(CancellationToken.None);

        Assert.Equal("CALL-2", Assert.Single(_hook.Received).Body.GetProperty("recording_id").GetString());
    }

    [Fact]
    public async Task A_webhook_that_answers_503_is_retried_until_it_takes_the_notice()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        var dispatcher = Dispatcher(settings, ledger);
        _hook.RefuseNext(2);
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();
        await dispatcher.RunAsync(CancellationToken.None);

        Assert.Single(_hook.Received);
        Assert.Equal(2, _retries);
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public async Task A_webhook_s_retry_after_is_honoured_over_the_configured_backoff()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        var dispatcher = Dispatcher(settings, ledger, retryDelay: TimeSpan.FromHours(1));
        _hook.RefuseNext(1);
        _hook.RetryAfter = "1";
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // an hour-long backoff would fail here, not hang

        await dispatcher.RunAsync(guard.Token);

        Assert.Single(_hook.Received);
    }

    [Fact]
    public async Task A_notice_a_webhook_refuses_with_4xx_is_not_retried_and_leaves_the_outbox()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        settings.Webhooks[0].Url = _hook.Url + "refuse";
        var dispatcher = Dispatcher(settings, ledger);
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();

        await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal(0, _retries);
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public async Task A_one_off_run_does_not_wait_for_a_broken_webhook_and_leaves_its_notices_in_the_outbox()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        settings.Webhooks[0].MaxAttempts = 1;
        var dispatcher = Dispatcher(settings, ledger);
        _hook.RefuseNext(int.MaxValue);
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 15), revision: 0));
        dispatcher.Complete();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // waiting out the breaker would fail here, not hang

        await dispatcher.RunAsync(guard.Token);

        Assert.NotEmpty(ledger.PendingNotices(100));
    }

    [Fact]
    public async Task A_notice_whose_tries_are_used_up_leaves_the_outbox_and_is_counted_as_a_failure()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        settings.Webhooks[0].MaxAttempts = 2;
        var metrics = new PipelineMetrics();
        using var readings = new MeterReadings(metrics.Meter);
        var dispatcher = Dispatcher(settings, ledger, metrics: metrics);
        _hook.RefuseNext(int.MaxValue);
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();

        await dispatcher.RunAsync(CancellationToken.None);

        Assert.Equal((2, 1), (_hook.Requests, _retries));
        Assert.Equal(1, readings.Sum("funasr.webhook.failures"));
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public async Task A_notice_for_a_webhook_no_longer_configured_is_dropped_and_the_others_are_sent()
    {
        var (ledger, settings) = Setup(webhooks: 2);
        ledger.MarkStored("CALL-1", 0, Dispatcher(settings, ledger).Notices(Document("CALL-1", alerts: 1), revision: 0));
        settings.Webhooks.RemoveAt(1);

        var next = Dispatcher(settings, ledger);
        next.Complete();
        await next.RunAsync(CancellationToken.None);

        Assert.Equal("/hook0", Assert.Single(_hook.Received).Path);
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public void A_recording_that_is_queued_again_for_a_newer_revision_writes_no_notices()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        ledger.QueueNewRevision("CALL-4", "/in/call4.wav", null);

        Assert.False(ledger.MarkStored("CALL-4", 0, Dispatcher(settings, ledger).Notices(Document("CALL-4", alerts: 1), revision: 0)));
        Assert.Empty(ledger.PendingNotices(10));
    }

    private (RecordingLedger, AlertSettings) Setup(int webhooks)
    {
        var ledger = new RecordingLedger(Path.Combine(SpeechFixtures.TempDirectory(), "ledger.db"));
        foreach (var id in new[] { "CALL-1", "CALL-2", "CALL-3", "CALL-4" }) ledger.Enqueue(id, $"/in/{id}.wav", null);
        var settings = new AlertSettings
        {
            Webhooks = [.. Enumerable.Range(0, webhooks).Select(i => new WebhookSettings
            {
                Url = $"{_hook.Url}hook{i}", MaxAttempts = 3, Headers = { ["Authorization"] = "Bearer secret" },
            })],
        };
        return (ledger, settings);
    }

    private AlertDispatcher Dispatcher(AlertSettings settings, RecordingLedger ledger, TimeSpan? retryDelay = null, PipelineMetrics? metrics = null)
    {
        var delay = retryDelay ?? TimeSpan.FromMilliseconds(10);
        var clients = new WebhookClients(settings, new RetryPolicy(delay, delay, 1, TimeProvider.System), () => Interlocked.Increment(ref _retries));
        _clients.Add(clients);
        var counts = metrics is null ? new AlertCounts(() => { }, () => { }) : new AlertCounts(metrics.CountAlert, metrics.CountWebhookFailure);
        return new(settings, ledger, clients, counts, NullLogger<AlertDispatcher>.Instance);
    }

    private static RecordingDocument Document(string id, int alerts) => new()
    {
        RecordingId = id,
        SourcePath = $"/in/{id}.wav",
        Metadata = new RecordingMetadata { CallId = id, Agent = "a-7" },
        Transcript = new Transcript($"/in/{id}.wav", TimeSpan.FromSeconds(3), 1, "zh", [], "", "", "cpu", "test"),
        Fields = [],
        Tags = ["complaint"],
        Alerts = [.. Enumerable.Range(0, alerts).Select(i => new RuleAlert("intent.complaint", "high", $"Complaint {i}", []))],
        ModelId = "test",
        RulePackVersion = "",
        Metrics = new Dictionary<string, double>(),
        ProcessedAt = DateTimeOffset.UtcNow,
    };

    public void Dispose()
    {
        _hook.Dispose();
        foreach (var clients in _clients) clients.Dispose();
    }
}
