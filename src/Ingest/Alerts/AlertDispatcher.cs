using System.Net.Http.Headers;
using System.Text;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// Logs every alert of a stored recording and POSTs it as JSON to each configured webhook through
/// <see cref="WebhookClients"/> (retries with backoff honouring <c>Retry-After</c>, a circuit breaker, a timeout per
/// attempt). The notices wait in the ledger's outbox, written in the same transaction that marks the recording stored,
/// so a host killed at any moment delivers each alert after its restart: at least once, and more than once only if it
/// dies between a webhook's answer and the outbox update (each notice carries an <c>alert_id</c> for receivers that
/// de-duplicate). A notice stays in the outbox while its hook's circuit is open; one whose retries are used up or that
/// the hook refuses (4xx) is logged and dropped. Alerts are also in the stored document (and so in the embedded
/// store's <c>alerts</c> table). Header values are never logged.
/// </summary>
internal sealed class AlertDispatcher(
    AlertSettings settings, RecordingLedger ledger, WebhookClients clients, AlertCounts counts, ILogger<AlertDispatcher> logger)
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private volatile bool _completed;
    /// <summary>The webhook notices of a document's alerts, for <see cref="RecordingLedger.MarkStored"/> to put in the outbox.</summary>
    public IReadOnlyList<WebhookNotice> Notices(RecordingDocument doc, int revision)
    {
        var notices = new List<WebhookNotice>();
        for (var a = 0; a < doc.Alerts.Count; a++)
        {
            var alert = doc.Alerts[a];
            var body = DocumentJson.Serialize(new AlertNotice($"{doc.RecordingId}:{revision}:{a}", doc.RecordingId, doc.SourcePath, doc.Metadata.CallId,
                doc.Metadata.Agent, doc.Metadata.CustomerNumber, alert.RuleId, alert.Severity, alert.Message, alert.Fields, doc.ProcessedAt));
            for (var hook = 0; hook < settings.Webhooks.Count; hook++) notices.Add(new WebhookNotice(hook, body));
        }
        return notices;
    }

    /// <summary>A stored document's alerts: logged and counted; their notices are already in the outbox.</summary>
    public void Raised(RecordingDocument doc)
    {
        foreach (var alert in doc.Alerts)
        {
            logger.LogWarning("Alert {RuleId} ({Severity}) on recording {RecordingId}: {Message}.", alert.RuleId, alert.Severity, doc.RecordingId, alert.Message);
            counts.Raised();
        }
        if (doc.Alerts.Count > 0) Signal();
    }

    /// <summary>Delivers the outbox (what earlier runs left first) until <see cref="Complete"/> was called and it is empty, or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        while (true)
        {
            var completed = _completed;
            var pending = ledger.PendingNotices(100);
            var waitingForCircuit = false;
            foreach (var (outboxId, notice) in pending)
            {
                if (notice.Webhook >= settings.Webhooks.Count)
                    logger.LogWarning("Dropping an alert notice for webhook {Index}, which is no longer configured.", notice.Webhook);
                else if (!await PostAsync(notice, ct))
                {
                    waitingForCircuit = true;
                    continue;
                }
                ledger.NoticeDone(outboxId);
            }
            if (waitingForCircuit && completed)
            {
                // A one-off run does not wait for a broken webhook: the notices stay in the outbox for the next run.
                logger.LogWarning("Alert notices for a failing webhook stay in the outbox ({Ledger}); the next run sends them.", ledger.Path);
                return;
            }
            if (waitingForCircuit)
            {
                await clients.WaitForCircuitAsync(ct);
                continue;
            }
            if (pending.Count > 0) continue;
            if (completed) return;
            await _signal.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
    }

    /// <summary>No more alerts will come; <see cref="RunAsync"/> returns once the outbox is empty.</summary>
    public void Complete()
    {
        _completed = true;
        Signal();
    }

    private void Signal()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { /* already signalled; one wake-up is enough */ }
    }

    /// <summary>Sends one notice; false when the hook's circuit is open and the notice should wait in the outbox.</summary>
    private async Task<bool> PostAsync(WebhookNotice notice, CancellationToken ct)
    {
        var hook = settings.Webhooks[notice.Webhook];
        string failure;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
            {
                Content = new StringContent(notice.Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            foreach (var (name, value) in hook.Headers) request.Headers.TryAddWithoutValidation(name, value);
            using var response = await clients.For(notice.Webhook).SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return true;
            failure = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (WebhookClients.IsCircuitOpen(ex))
        {
            logger.LogWarning("Webhook {Url} keeps failing; its alert notices wait in the outbox: {Reason}.", hook.Url, ex.Message);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            failure = ex.Message;
        }
        counts.WebhookFailed();
        logger.LogError("Webhook {Url} did not take an alert notice ({Failure}); it is dropped (the alert stays in the store).", hook.Url, failure);
        return true;
    }
}
