using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// One JSON object per log line in the Elastic Common Schema (<c>--log-format json</c>), for Filebeat or Elastic Agent
/// to ship without parsing: <c>@timestamp</c>, <c>log.level</c>, <c>log.logger</c>, <c>message</c>,
/// <c>service.name</c>, <c>process.pid</c>, <c>ecs.version</c>, <c>error.*</c> for an exception, and the message's
/// named values under <c>labels</c> (keyword strings, as ECS wants them). Elastic's own ECS logging package is not
/// served here; the schema is small enough to write by hand.
/// </summary>
internal sealed class EcsJsonLogFormatter() : ConsoleFormatter(Name)
{
    public new const string Name = "ecs";

    private const string EcsVersion = "8.11.0";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("@timestamp", DateTimeOffset.UtcNow);
            json.WriteString("log.level", logEntry.LogLevel.ToString().ToLowerInvariant());
            json.WriteString("log.logger", logEntry.Category);
            json.WriteString("message", message);
            json.WriteString("service.name", "funasr-pipeline");
            json.WriteNumber("process.pid", Environment.ProcessId);
            json.WriteString("ecs.version", EcsVersion);
            if (logEntry.Exception is { } exception)
            {
                json.WriteString("error.type", exception.GetType().FullName);
                json.WriteString("error.message", exception.Message);
                json.WriteString("error.stack_trace", exception.ToString());
            }
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values && values.Any(v => v.Key != "{OriginalFormat}"))
            {
                json.WriteStartObject("labels");
                foreach (var (key, value) in values.Where(v => v.Key != "{OriginalFormat}"))
                    json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }
}
