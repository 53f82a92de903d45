using System.Net;
using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Alerts;

/// <summary>Webhook delivery from the ledger's outbox to a real HTTP listener on loopback.</summary>
public sealed class AlertDispatcherTests : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<(string Path, string? Token, JsonElement Body)> _received = [];
    private readonly List<WebhookClients> _clients = [];
    private readonly string _url;
    private int _refuseNext;
    private string? _retryAfter;
    private int _retries;

    public AlertDispatcherTests()
    {
        var port = HostProcess.FreePort();
        _url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(_url);
        _listener.Start();
        _ = ServeAsync();
    }

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

        Assert.Equal(4, _received.Count);
        Assert.Equal(["/hook0", "/hook0", "/hook1", "/hook1"], _received.Select(r => r.Path).Order());
        Assert.All(_received, r => Assert.Equal("Bearer secret", r.Token));
        Assert.Equal(["CALL-1:0:0", "CALL-1:0:1"], _received.Select(r => r.Body.GetProperty("alert_id").GetString()).Distinct().Order());
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

        Assert.Equal("CALL-2", Assert.Single(_received).Body.GetProperty("recording_id").GetString());
    }

    [Fact]
    public async Task A_webhook_that_answers_503_is_retried_until_it_takes_the_notice()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        var dispatcher = Dispatcher(settings, ledger);
        _refuseNext = 2;
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();
        await dispatcher.RunAsync(CancellationToken.None);

        Assert.Single(_received);
        Assert.Equal(2, _retries);
        Assert.Empty(ledger.PendingNotices(10));
    }

    [Fact]
    public async Task A_webhook_s_retry_after_is_honoured_over_the_configured_backoff()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        var dispatcher = Dispatcher(settings, ledger, retryDelay: TimeSpan.FromHours(1));
        _refuseNext = 1;
        _retryAfter = "1";
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 1), revision: 0));
        dispatcher.Complete();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // an hour-long backoff would fail here, not hang

        await dispatcher.RunAsync(guard.Token);

        Assert.Single(_received);
    }

    [Fact]
    public async Task A_notice_a_webhook_refuses_with_4xx_is_not_retried_and_leaves_the_outbox()
    {
        var (ledger, settings) = Setup(webhooks: 1);
        settings.Webhooks[0].Url = _url + "refuse";
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
        _refuseNext = int.MaxValue;
        ledger.MarkStored("CALL-3", 0, dispatcher.Notices(Document("CALL-3", alerts: 15), revision: 0));
        dispatcher.Complete();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));   // waiting out the breaker would fail here, not hang

        await dispatcher.RunAsync(guard.Token);

        Assert.NotEmpty(ledger.PendingNotices(100));
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
                Url = $"{_url}hook{i}", MaxAttempts = 3, Headers = { ["Authorization"] = "Bearer secret" },
            })],
        };
        return (ledger, settings);
    }

    private AlertDispatcher Dispatcher(AlertSettings settings, RecordingLedger ledger, TimeSpan? retryDelay = null)
    {
        var clients = new WebhookClients(settings, retryDelay ?? TimeSpan.FromMilliseconds(10), () => Interlocked.Increment(ref _retries));
        _clients.Add(clients);
        return new(settings, ledger, clients, new AlertCounts(() => { }, () => { }), NullLogger<AlertDispatcher>.Instance);
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

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            if (context.Request.Url!.AbsolutePath == "/refuse")
            {
                context.Response.StatusCode = 400;
            }
            else if (Interlocked.Decrement(ref _refuseNext) >= 0)
            {
                context.Response.StatusCode = 503;
                if (_retryAfter is not null) context.Response.Headers["Retry-After"] = _retryAfter;
            }
            else
            {
                lock (_received) _received.Add((context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], JsonDocument.Parse(body).RootElement.Clone()));
                context.Response.StatusCode = 200;
            }
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        foreach (var clients in _clients) clients.Dispose();
    }
}
