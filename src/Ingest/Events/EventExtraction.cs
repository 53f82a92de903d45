using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FunAsr.Extractors;

namespace FunAsr.Ingest.Events;

/// <summary>
/// One line in, one line out: runs the rules over an event's source field and writes the event back with the
/// results under the target key, splicing them into the original bytes so every other key stays byte for byte
/// (an existing target key has its value replaced). A line that is not JSON (its first character is not <c>{</c> or
/// <c>[</c>) is plain text and becomes <c>{"&lt;first source field&gt;": "&lt;line&gt;", "&lt;target&gt;": …}</c>.
/// A line that cannot be an event (invalid JSON, an array, over the length limit, no string source field) is
/// written with <c>_funasr_extract_failure</c> under the target, the way Logstash's json codec keeps an unparsable
/// line in <c>message</c> and tags it; the stream goes on.
/// </summary>
internal sealed class EventExtraction
{
    // The target writer's calls are balanced by construction, so the writer's per-call structure checks are skipped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private static readonly byte[] RsyslogVariablesStart = "{\"$!\":{"u8.ToArray();

    private readonly Extractor _extractor;
    private readonly EventExtractionOptions _options;
    private readonly EventScanner _scanner;
    private readonly JsonEncodedText _target;
    private readonly JsonEncodedText _textKey;
    private readonly ArrayBufferWriter<byte> _targetJson = new();
    private readonly Utf8JsonWriter _json;
    private readonly ExtractTargetWriter _resultWriter;

    public EventExtraction(Extractor extractor, EventExtractionOptions options)
    {
        _extractor = extractor;
        _options = options;
        _scanner = new EventScanner(options.SourceFields, options.Target);
        _target = JsonEncodedText.Encode(options.Target, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _textKey = JsonEncodedText.Encode(options.SourceFields[0], JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _json = new Utf8JsonWriter(_targetJson, WriterOptions);
        _resultWriter = new ExtractTargetWriter(_targetJson, WriterOptions);
    }

    /// <summary>Writes <paramref name="line"/> as an enriched event and a newline.</summary>
    public void WriteEvent(ReadOnlySpan<byte> line, long lineNumber, IBufferWriter<byte> output)
    {
        if (!LooksLikeJson(line))
        {
            WriteResultTarget(Encoding.UTF8.GetString(line));
            WriteTextEvent(output, line);
            return;
        }
        var scanned = _scanner.Scan(line);
        WriteTarget(scanned, lineNumber);
        if (scanned.Failure is not null)
        {
            WriteTextEvent(output, line);
            return;
        }
        if (scanned.TargetStart >= 0)
        {
            output.Write(line[..scanned.TargetStart]);
            output.Write(_targetJson.WrittenSpan);
            output.Write(line[scanned.TargetEnd..]);
        }
        else
        {
            output.Write(line[..scanned.CloseBrace]);
            output.Write(scanned.HasKeys ? ",\""u8 : "\""u8);
            output.Write(_target.EncodedUtf8Bytes);
            output.Write("\":"u8);
            output.Write(_targetJson.WrittenSpan);
            output.Write(line[scanned.CloseBrace..]);
        }
        output.Write("\n"u8);
    }

    /// <summary>
    /// Writes what the filter answers for one line read: the enriched event, the event for a line over the limit
    /// (<paramref name="overLimitBytes"/> &gt; 0, its length), or nothing for an empty line.
    /// </summary>
    public void WriteLine(ReadOnlySpan<byte> line, long lineNumber, long overLimitBytes, IBufferWriter<byte> output)
    {
        if (overLimitBytes > 0)
        {
            WriteOverLimitEvent(lineNumber, overLimitBytes, output);
        }
        else if (!line.IsEmpty)
        {
            WriteEvent(line, lineNumber, output);
        }
    }

    /// <summary>Writes the reply rsyslog's mmexternal expects for <paramref name="line"/>: <c>{"$!":{"&lt;target&gt;":…}}</c>.</summary>
    public void WriteRsyslogModification(ReadOnlySpan<byte> line, long lineNumber, IBufferWriter<byte> output)
    {
        if (LooksLikeJson(line))
        {
            WriteTarget(_scanner.Scan(line), lineNumber);
        }
        else
        {
            WriteResultTarget(Encoding.UTF8.GetString(line));
        }
        WriteRsyslogReply(output);
    }

    /// <summary>Writes the event for a line over the limit: only the target, with the failure.</summary>
    public void WriteOverLimitEvent(long lineNumber, long length, IBufferWriter<byte> output)
    {
        WriteFailureTarget(OverLimit(lineNumber, length));
        output.Write("{\""u8);
        output.Write(_target.EncodedUtf8Bytes);
        output.Write("\":"u8);
        output.Write(_targetJson.WrittenSpan);
        output.Write("}\n"u8);
    }

    /// <summary>The mmexternal reply for a line over the limit.</summary>
    public void WriteOverLimitRsyslogModification(long lineNumber, long length, IBufferWriter<byte> output)
    {
        WriteFailureTarget(OverLimit(lineNumber, length));
        WriteRsyslogReply(output);
    }

    private EventFailure OverLimit(long lineNumber, long length) => new("line_too_long",
        $"line {lineNumber} is {length} bytes, over the limit of {_options.MaxLineBytes} (--max-line-bytes); its content was dropped");

    private static bool LooksLikeJson(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t"u8);
        return trimmed.Length > 0 && trimmed[0] is (byte)'{' or (byte)'[';
    }

    private void WriteTarget(ScannedEvent scanned, long lineNumber)
    {
        if (scanned.Failure is { } failure)
        {
            WriteFailureTarget(failure with { Message = $"line {lineNumber}: {failure.Message}" });
        }
        else if (scanned.SourceField is null)
        {
            WriteFailureTarget(new EventFailure("no_source_field",
                $"line {lineNumber}: none of the source fields ({string.Join(", ", _options.SourceFields)}) is present and not null"));
        }
        else if (scanned.SourceText is null)
        {
            WriteFailureTarget(new EventFailure("source_not_a_string",
                $"line {lineNumber}: source field {scanned.SourceField} is {scanned.SourceType}, not a string"));
        }
        else
        {
            WriteResultTarget(scanned.SourceText);
        }
    }

    private void WriteResultTarget(string text)
    {
        var result = _extractor.Extract(new ExtractionInput(text, _options.Speaker, Language: _options.Language) { Scope = _options.Scope });
        _targetJson.ResetWrittenCount();
        _resultWriter.WriteResult(result, text);
    }

    private void WriteFailureTarget(EventFailure failure)
    {
        _targetJson.ResetWrittenCount();
        _json.Reset();
        ExtractTargetWriter.WriteFailure(_json, failure);
        _json.Flush();
    }

    private void WriteTextEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> line)
    {
        output.Write("{\""u8);
        output.Write(_textKey.EncodedUtf8Bytes);
        output.Write("\":"u8);
        // Decoded, so bytes that are not UTF-8 become U+FFFD instead of an invalid JSON string.
        _json.Reset(output);
        _json.WriteStringValue(Encoding.UTF8.GetString(line));
        _json.Flush();
        _json.Reset(_targetJson);
        output.Write(",\""u8);
        output.Write(_target.EncodedUtf8Bytes);
        output.Write("\":"u8);
        output.Write(_targetJson.WrittenSpan);
        output.Write("}\n"u8);
    }

    private void WriteRsyslogReply(IBufferWriter<byte> output)
    {
        output.Write(RsyslogVariablesStart);
        output.Write("\""u8);
        output.Write(_target.EncodedUtf8Bytes);
        output.Write("\":"u8);
        output.Write(_targetJson.WrittenSpan);
        output.Write("}}\n"u8);
    }
}
