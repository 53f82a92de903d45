using System.Net.Http.Headers;
using System.Text;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>
/// One HTTP connection to Elasticsearch or Kibana with authentication and TLS trust applied. It turns transport
/// failures (refused, reset, timed out) into <see cref="ServiceUnavailableException"/> and returns every HTTP answer,
/// error or not, as a <see cref="RestResponse"/> for the caller to classify.
/// </summary>
internal sealed class RestConnection : IRestClient
{
    private readonly HttpClient http;

    private RestConnection(HttpClient http, string serviceName, TimeSpan timeout)
    {
        this.http = http;
        ServiceName = serviceName;
        Timeout = timeout;
    }

    /// <summary>"Elasticsearch" or "Kibana", used in messages.</summary>
    public string ServiceName { get; }

    /// <summary>The base URL (never carries credentials; <see cref="ServiceEndpoint.Validate"/> refuses them).</summary>
    public Uri BaseAddress => http.BaseAddress!;

    private TimeSpan Timeout { get; }

    /// <summary>Opens a connection; <paramref name="handler"/> replaces the socket handler (tests only).</summary>
    public static RestConnection Open(IServiceEndpoint options, string serviceName, HttpMessageHandler? handler = null)
    {
        var problems = ServiceEndpoint.Validate(options, serviceName.ToLowerInvariant()).ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            SslOptions = { RemoteCertificateValidationCallback = CertificateTrust.CallbackFor(options) },
        };
        var baseUrl = options.Url.EndsWith('/') ? options.Url : options.Url + "/";
        var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = AuthorizationFor(options);
        return new RestConnection(http, serviceName, TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
    }

    /// <summary>The Authorization header for the options: ApiKey first, then Basic, else none.</summary>
    public static AuthenticationHeaderValue? AuthorizationFor(IServiceEndpoint options)
    {
        if (options.ApiKey is { Length: > 0 } key)
        {
            var encoded = key.Contains(':') ? Convert.ToBase64String(Encoding.UTF8.GetBytes(key)) : key;
            return new AuthenticationHeaderValue("ApiKey", encoded);
        }
        if (options.Username is { Length: > 0 } user)
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
        return null;
    }

    /// <summary>Sends a request relative to the base URL and reads the whole answer.</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached or did not answer in time.</exception>
    public async Task<RestResponse> SendAsync(HttpMethod method, string relativePath, HttpContent? content, CancellationToken ct,
        IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(method, relativePath.TrimStart('/')) { Content = content };
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return new RestResponse((int)response.StatusCode, body, $"{method} {relativePath}");
        }
        catch (HttpRequestException e)
        {
            throw new ServiceUnavailableException($"{ServiceName} at {BaseAddress} is unreachable ({method} {relativePath}): {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ServiceUnavailableException(
                $"{ServiceName} at {BaseAddress} did not answer {method} {relativePath} within {Timeout.TotalSeconds:0.#} s " +
                $"(setting {ServiceName.ToLowerInvariant()}.request_timeout_seconds)", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => http.Dispose();
}
