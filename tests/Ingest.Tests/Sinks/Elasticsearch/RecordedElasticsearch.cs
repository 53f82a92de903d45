using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FunAsr.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>
/// An in-process HTTP endpoint on 127.0.0.1 that answers each request with the next scripted response (a status and a
/// file from tests/testdata/elasticsearch) and records what it received. When the script runs out it answers 599 so a
/// test sees an unexpected request at once.
/// </summary>
internal sealed class RecordedElasticsearch : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(int Status, string? File)> script = new();
    private readonly ConcurrentDictionary<string, bool> rejectOnce = new();
    private volatile bool storeEveryBulkItem;

    private RecordedElasticsearch(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    public string Url => app.Urls.First();

    public static async Task<RecordedElasticsearch> StartAsync(X509Certificate2? certificate = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            if (certificate is not null) listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        var server = new RecordedElasticsearch(app);
        app.Run(server.AnswerAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Queues answers, in order: (status, file name in tests/testdata/elasticsearch or null for an empty body).</summary>
    public RecordedElasticsearch Then(int status, string? file = null)
    {
        script.Enqueue((status, file));
        return this;
    }

    /// <summary>
    /// Once the script is used up, answers every <c>POST /_bulk</c> as Elasticsearch does when all goes well (each item
    /// 201 created, in the documented response shape) and every other request with an empty JSON object.
    /// </summary>
    public RecordedElasticsearch ThenStoreEverything()
    {
        storeEveryBulkItem = true;
        return this;
    }

    /// <summary>
    /// While storing everything, answers the first item with <c>_id</c> <paramref name="id"/> 429 (as an overloaded node
    /// rejects one shard's items) and stores it when it comes again.
    /// </summary>
    public RecordedElasticsearch RejectOnce(string id)
    {
        rejectOnce[id] = true;
        return this;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var body = new MemoryStream();
        // The official client gzips request bodies (Content-Encoding: gzip), which Elasticsearch accepts.
        await using (var source = context.Request.Headers.ContentEncoding == "gzip"
            ? new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : context.Request.Body)
            await source.CopyToAsync(body);
        var received = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        Received.Enqueue(received);
        // Elasticsearch 7.14+ marks every answer so; the official client refuses answers without it (its product check).
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        if (!script.TryDequeue(out var next) && storeEveryBulkItem)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Path == "/_bulk" ? StoredAll(received) : "{}");
            return;
        }
        if (next == default)
        {
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync("no scripted response left");
            return;
        }
        context.Response.StatusCode = next.Status;
        context.Response.ContentType = "application/json";
        if (next.File is not null)
            await context.Response.Body.WriteAsync(await File.ReadAllBytesAsync(RepoPaths.Of("tests", "testdata", "elasticsearch", next.File)));
    }

    private string StoredAll(ReceivedRequest request)
    {
        var lines = request.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 0);
        var items = lines.Select(line =>
        {
            var action = System.Text.Json.JsonDocument.Parse(line).RootElement.EnumerateObject().Single();
            var id = action.Value.GetProperty("_id").GetString()!;
            var item = rejectOnce.TryRemove(id, out _)
                ? new System.Text.Json.Nodes.JsonObject
                {
                    ["_index"] = action.Value.GetProperty("_index").GetString(),
                    ["_id"] = id,
                    ["status"] = 429,
                    ["error"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "es_rejected_execution_exception", ["reason"] = "rejected execution of coordinating operation" },
                }
                : new System.Text.Json.Nodes.JsonObject
                {
                    ["_index"] = action.Value.GetProperty("_index").GetString(),
                    ["_id"] = id,
                    ["_version"] = 1,
                    ["result"] = "created",
                    ["status"] = 201,
                };
            return (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject { [action.Name] = item };
        });
        var answered = new System.Text.Json.Nodes.JsonArray([.. items]);
        return new System.Text.Json.Nodes.JsonObject
        {
            ["took"] = 1,
            ["errors"] = answered.Any(i => i!.AsObject().Single().Value!["status"]!.GetValue<int>() >= 300),
            ["items"] = answered,
        }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request as the endpoint received it.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>The <c>_id</c>s named by the action lines of a bulk body, in order.</summary>
    public IReadOnlyList<string> BulkIds => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where((_, i) => i % 2 == 0)
        .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.EnumerateObject().Single().Value.GetProperty("_id").GetString()!)
        .ToList();
}
