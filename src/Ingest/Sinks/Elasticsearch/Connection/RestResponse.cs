using System.Text;
using System.Text.Json;

namespace FunAsr.Ingest.Sinks.Elasticsearch.Connection;

/// <summary>An HTTP answer from Elasticsearch or Kibana: status, raw body and the request it answers.</summary>
internal sealed record RestResponse(int Status, byte[] Body, string Request)
{
    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body parsed as JSON.</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);

    /// <summary>
    /// A one-line reason: Elasticsearch's <c>error.type</c> and <c>error.reason</c>, Kibana's <c>error</c> and
    /// <c>message</c>, or the start of the body.
    /// </summary>
    public string ErrorSummary()
    {
        try
        {
            using var json = Json();
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.Object)
                    return $"{Text(error, "type")}: {Text(error, "reason")}";
                if (root.TryGetProperty("message", out var message))
                    return $"{error.GetString()}: {message.GetString()}";
                return error.ToString();
            }
        }
        catch (JsonException)
        {
        }
        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)).ReplaceLineEndings(" ");
        return text.Length == 0 ? $"HTTP {Status} with an empty body" : text;
    }

    /// <summary>Throws <see cref="ServiceRequestException"/> unless the status is 2xx.</summary>
    public RestResponse EnsureSuccess(string serviceName, string purpose)
    {
        if (!IsSuccess) throw new ServiceRequestException(serviceName, Request, Status, $"{purpose} failed: {ErrorSummary()}");
        return this;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ToString() : null;
}
