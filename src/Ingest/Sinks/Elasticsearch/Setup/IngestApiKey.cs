using System.Net.Http.Json;
using System.Text.Json;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Setup;

/// <summary>
/// Creates the ingest host's API key (<c>POST _security/api_key</c> with the <see cref="IngestRole"/> inline) and
/// returns its <c>encoded</c> value, the one <c>Authorization: ApiKey</c> takes. Elasticsearch shows the secret only in
/// this answer; each call makes a new key (revoke old ones with <c>DELETE _security/api_key {"name":"&lt;role name&gt;"}</c>).
/// </summary>
internal static class IngestApiKey
{
    /// <exception cref="ServiceRequestException">Elasticsearch refused (e.g. 403 without <c>manage_api_key</c>).</exception>
    public static async Task<string> CreateAsync(IRestClient connection, ElasticsearchSinkOptions options, CancellationToken ct)
    {
        var response = (await connection.SendAsync(HttpMethod.Post, "_security/api_key", JsonContent.Create(IngestRole.ApiKeyRequest(options)), ct))
            .EnsureSuccess(connection.ServiceName, "creating the ingest API key");
        using var json = response.Json();
        return json.RootElement.TryGetProperty("encoded", out var encoded) && encoded.ValueKind == JsonValueKind.String
            ? encoded.GetString()!
            : throw new ServiceRequestException(connection.ServiceName, response.Request, response.Status, "the answer has no 'encoded' API key");
    }
}
