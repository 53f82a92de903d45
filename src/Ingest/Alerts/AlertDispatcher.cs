using System.Net.Http.Headers;
using System.Text;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// Logs every alert of a stored recording and POSTs it as JSON to each configured webhook, retrying with
/// exponential backoff up to the hook's <c>max_attempts</c>. The notices wait in the ledger's outbox, written in the
/// same transaction that marks the recording stored, so a host killed at any moment delivers each alert after its
/// restart: at least once, and more than once only if it dies between a webhook's answer and the outbox update
/// (each notice carries an <c>alert_id</c> for receivers that de-duplicate). Alerts are also in the stored document
/// (and so in the embedded store's <c>alerts</c> table). Header values are never logged.
/// </summary>
internal sealed class AlertDispatcher(
    AlertSettings settings, RecordingLedger ledger, HttpClient http, PipelineMetrics metrics, ILogger<AlertDispatcher> logger)
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private volatile bool _completed;

    /// <summary>Base delay of the webhook retry backoff; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

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
            metrics.CountAlert();
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
            foreach (var (outboxId, notice) in pending)
            {
                if (notice.Webhook < settings.Webhooks.Count)
                    await PostAsync(settings.Webhooks[notice.Webhook], notice.Body, ct);
                else
                    logger.LogWarning("Dropping an alert notice for webhook {Index}, which is no longer configured.", notice.Webhook);
                ledger.NoticeDone(outboxId);
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

    private async Task PostAsync(WebhookSettings hook, string body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
                {
                    Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                };
                foreach (var (name, value) in hook.Headers) request.Headers.TryAddWithoutValidation(name, value);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode) return;
                failure = $"HTTP {(int)response.StatusCode}";
                if ((int)response.StatusCode is >= 400 and < 500 and not 408 and not 429)
                {
                    logger.LogError("Webhook {Url} refused an alert notice with {Failure}; not retried.", hook.Url, failure);
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                failure = "timed out: " + ex.Message;
            }
            metrics.CountWebhookFailure();
            if (attempt >= hook.MaxAttempts)
            {
                logger.LogError("Webhook {Url} failed for an alert notice after {Attempts} attempts: {Failure}.", hook.Url, attempt, failure);
                return;
            }
            var delay = RetryDelay * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
            logger.LogWarning("Webhook {Url} failed for an alert notice ({Failure}); retry {Attempt} in {Delay}.", hook.Url, failure, attempt + 1, delay);
            await Task.Delay(delay, ct);
        }
    }
}
