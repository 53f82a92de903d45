using System.Net;
using System.Text.Json;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>
/// A webhook on loopback (a real <see cref="HttpListener"/>): answers <c>/refuse</c> with 400, the next
/// <see cref="RefuseNext"/> other POSTs with 503 (with <see cref="RetryAfter"/> when set), and takes the rest with 200,
/// keeping what they carried.
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<Notice> _received = [];
    private int _refuseNext;
    private int _requests;

    public WebhookReceiver()
    {
        Url = $"http://127.0.0.1:{HostProcess.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = ServeAsync();
    }

    /// <summary>The base URL, ending in <c>/</c>.</summary>
    public string Url { get; }

    /// <summary>The <c>Retry-After</c> value sent with each 503, if any.</summary>
    public string? RetryAfter { get; set; }

    /// <summary>POSTs answered so far, refused ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The POSTs taken (200), in the order they came.</summary>
    public IReadOnlyList<Notice> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    /// <summary>Refuses the next <paramref name="count"/> POSTs with 503.</summary>
    public void RefuseNext(int count) => Volatile.Write(ref _refuseNext, count);

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
                if (RetryAfter is not null) context.Response.Headers["Retry-After"] = RetryAfter;
            }
            else
            {
                lock (_received) _received.Add(new Notice(context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], JsonDocument.Parse(body).RootElement.Clone()));
                context.Response.StatusCode = 200;
            }
            Interlocked.Increment(ref _requests);
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();

    /// <summary>One POST taken: its path, its <c>Authorization</c> header and its JSON body.</summary>
    internal sealed record Notice(string Path, string? Token, JsonElement Body);
}
