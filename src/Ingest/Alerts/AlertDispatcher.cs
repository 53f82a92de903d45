using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Alerts;

/// <summary>
/// Logs every alert of a stored recording and POSTs it as JSON to each configured webhook, retrying with
/// exponential backoff up to the hook's <c>max_attempts</c>. Alerts are also in the stored document (and so in the
/// embedded store's <c>alerts</c> table). Header values are never logged.
/// </summary>
internal sealed class AlertDispatcher(AlertSettings settings, HttpClient http, PipelineMetrics metrics, ILogger<AlertDispatcher> logger)
{
    private readonly Channel<AlertNotice> _queue = Channel.CreateBounded<AlertNotice>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

    /// <summary>Base delay of the webhook retry backoff; doubles per attempt.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    public async Task DispatchAsync(RecordingDocument doc, CancellationToken ct)
    {
        foreach (var alert in doc.Alerts)
        {
            logger.LogWarning("Alert {RuleId} ({Severity}) on recording {RecordingId}: {Message}.", alert.RuleId, alert.Severity, doc.RecordingId, alert.Message);
            metrics.CountAlert();
            if (settings.Webhooks.Count == 0) continue;
            await _queue.Writer.WriteAsync(new AlertNotice(doc.RecordingId, doc.SourcePath, doc.Metadata.CallId, doc.Metadata.Agent,
                doc.Metadata.CustomerNumber, alert.RuleId, alert.Severity, alert.Message, alert.Fields, doc.ProcessedAt), ct);
        }
    }

    /// <summary>Delivers queued notices until <see cref="Complete"/> is called and the queue is empty, or <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var notice in _queue.Reader.ReadAllAsync(ct))
            foreach (var hook in settings.Webhooks)
                await PostAsync(hook, notice, ct);
    }

    /// <summary>No more alerts will come; <see cref="RunAsync"/> returns once the queue is drained.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task PostAsync(WebhookSettings hook, AlertNotice notice, CancellationToken ct)
    {
        var body = DocumentJson.Serialize(notice);
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
                    logger.LogError("Webhook {Url} refused alert {RuleId} of {RecordingId} with {Failure}; not retried.", hook.Url, notice.RuleId, notice.RecordingId, failure);
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
                logger.LogError("Webhook {Url} failed for alert {RuleId} of {RecordingId} after {Attempts} attempts: {Failure}.", hook.Url, notice.RuleId, notice.RecordingId, attempt, failure);
                return;
            }
            var delay = RetryDelay * Math.Pow(2, attempt - 1) * (0.8 + Random.Shared.NextDouble() * 0.4);
            logger.LogWarning("Webhook {Url} failed for alert {RuleId} ({Failure}); retry {Attempt} in {Delay}.", hook.Url, notice.RuleId, failure, attempt + 1, delay);
            await Task.Delay(delay, ct);
        }
    }
}
