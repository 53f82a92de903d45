namespace FunAsr.Ingest.Ledger;

/// <summary>One alert's JSON body for one configured webhook (its index under <c>alerts.webhooks</c>), waiting in the ledger's outbox.</summary>
internal sealed record WebhookNotice(int Webhook, string Body);
