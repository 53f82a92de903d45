using System.Buffers;
using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Events;

/// <summary>
/// Writes the object that goes under the target key: <c>fields</c> (name → value, or a list when a name was found
/// more than once), <c>matches</c> (each field with rule, span and type), <c>tags</c>, <c>alerts</c>, rule
/// <c>failures</c> (timeouts) and <c>redacted_text</c> when redaction changed the text; or, for an event that could
/// not be read, <c>tags: ["_funasr_extract_failure"]</c> and <c>_funasr_extract_failure: {reason, message}</c>.
/// A result is written mostly as prepared bytes: the JSON writer's per-call cost, not the bytes, dominated (about 60
/// calls per five-field event), so the parts that repeat on every event (a field's <c>"name":</c>, a match's name and
/// type, its rule and version) are made once by the writer itself and copied, each value is written once by the
/// writer and its bytes copied where it appears again (<c>matches</c> value, and <c>text</c> when the value is the
/// text), and only values go through the writer. Not thread-safe.
/// </summary>
internal sealed class ExtractTargetWriter
{
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    private static readonly JsonEncodedText RuleVersion = JsonEncodedText.Encode("rule_version");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly JsonEncodedText FailureTag = JsonEncodedText.Encode(EventFailure.Tag);

    // A host can load many rule sets over its life: past this many prepared parts, new ones are made at each use.
    private const int MaxPreparedParts = 4096;

    // Field positions whose last prepared parts are remembered (see LastParts).
    private const int RememberedPositions = 64;

    private readonly ArrayBufferWriter<byte> _output;
    private readonly JavaScriptEncoder _encoder;
    private readonly Utf8JsonWriter _json;
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private readonly Utf8JsonWriter _scratchJson;
    private readonly Dictionary<string, byte[]> _propertyNames = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Type), byte[]> _matchStarts = [];
    private readonly Dictionary<(string Rule, string Version), byte[]> _matchEnds = [];
    private readonly List<(int Start, int Length)> _values = [];
    private readonly LastPart[] _lastNames = new LastPart[RememberedPositions];
    private readonly LastPart[] _lastMatchStarts = new LastPart[RememberedPositions];
    private readonly LastPart[] _lastMatchEnds = new LastPart[RememberedPositions];

    /// <param name="output">Where <see cref="WriteResult"/> appends the target object.</param>
    /// <param name="options">The writer options of the event (its encoder decides the escaping).</param>
    public ExtractTargetWriter(ArrayBufferWriter<byte> output, JsonWriterOptions options)
    {
        _output = output;
        _encoder = options.Encoder ?? JavaScriptEncoder.Default;
        _json = new Utf8JsonWriter(output, options);
        _scratchJson = new Utf8JsonWriter(_scratch, options);
    }

    /// <summary>Appends the target object for <paramref name="result"/> of <paramref name="sourceText"/>.</summary>
    public void WriteResult(ExtractionResult result, string sourceText)
    {
        var fields = result.Fields;
        _values.Clear();
        for (var i = 0; i < fields.Count; i++)
        {
            _values.Add((-1, 0));
        }
        Append("{\"fields\":{"u8);
        var firstName = true;
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Name;
            if (IndexOfName(fields, name) < i)
            {
                continue;
            }
            if (!firstName)
            {
                Append(","u8);
            }
            firstName = false;
            Append(PropertyName(i, name));
            if (IndexOfName(fields, name, i + 1) < 0)
            {
                WriteFieldValue(fields, i);
                continue;
            }
            Append("["u8);
            for (var j = i; j < fields.Count; j++)
            {
                if (fields[j].Name == name)
                {
                    if (j > i)
                    {
                        Append(","u8);
                    }
                    WriteFieldValue(fields, j);
                }
            }
            Append("]"u8);
        }
        Append("},\"matches\":["u8);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (i > 0)
            {
                Append(","u8);
            }
            Append(MatchStart(i, field.Name, field.Type));
            CopyWritten(_values[i]);
            Append(",\"text\":"u8);
            if (field.Value is string value && value == field.Text)
            {
                CopyWritten(_values[i]);
            }
            else
            {
                WriteValue(field.Text);
            }
            Append(",\"start\":"u8);
            WriteNumber(field.Start);
            Append(",\"length\":"u8);
            WriteNumber(field.Length);
            Append(MatchEnd(i, field.RuleId, field.RuleVersion));
        }
        Append("],\"tags\":["u8);
        for (var i = 0; i < result.Tags.Count; i++)
        {
            if (i > 0)
            {
                Append(","u8);
            }
            WriteValue(result.Tags[i]);
        }
        Append("],\"alerts\":["u8);
        for (var i = 0; i < result.Alerts.Count; i++)
        {
            var alert = result.Alerts[i];
            Append(i > 0 ? ",{\"rule\":"u8 : "{\"rule\":"u8);
            WriteValue(alert.RuleId);
            Append(",\"severity\":"u8);
            WriteValue(alert.Severity);
            Append(",\"message\":"u8);
            WriteValue(alert.Message);
            Append("}"u8);
        }
        Append("]"u8);
        if (result.Failures.Count > 0)
        {
            Append(",\"failures\":"u8);
            _json.Reset();
            JsonSerializer.Serialize(_json, result.Failures, DocumentJson.Options);
            _json.Flush();
        }
        if (result.RedactedText != sourceText)
        {
            Append(",\"redacted_text\":"u8);
            WriteValue(result.RedactedText);
        }
        Append("}"u8);
    }

    public static void WriteFailure(Utf8JsonWriter json, EventFailure failure)
    {
        json.WriteStartObject();
        WriteStrings(json, Tags, [EventFailure.Tag]);
        json.WriteStartObject(FailureTag);
        json.WriteString(Reason, failure.Reason);
        json.WriteString(Message, failure.Message);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteFieldValue(IReadOnlyList<ExtractedField> fields, int index)
    {
        var start = _output.WrittenCount;
        if (fields[index].Value is not string plain || !TryWritePlainString(plain))
        {
            _json.Reset();
            WriteValue(_json, fields[index].Value);
            _json.Flush();
        }
        _values[index] = (start, _output.WrittenCount - start);
    }

    private void WriteValue(string value)
    {
        if (TryWritePlainString(value))
        {
            return;
        }
        _json.Reset();
        _json.WriteStringValue(value);
        _json.Flush();
    }

    /// <summary>
    /// Writes <paramref name="value"/> quoted when none of it needs escaping, as the writer would (it asks the same
    /// encoder), without the writer's per-call cost; false, with nothing written, when it needs escaping or is not
    /// valid UTF-16 (the writer then escapes or replaces those characters).
    /// </summary>
    private bool TryWritePlainString(string value)
    {
        var span = _output.GetSpan(value.Length * 3 + 2);
        if (Utf8.FromUtf16(value, span[1..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done
            || _encoder.FindFirstCharacterToEncodeUtf8(span.Slice(1, written)) >= 0)
        {
            return false;
        }
        span[0] = (byte)'"';
        span[written + 1] = (byte)'"';
        _output.Advance(written + 2);
        return true;
    }

    private void WriteNumber(int value)
    {
        Utf8Formatter.TryFormat(value, _output.GetSpan(11), out var written);
        _output.Advance(written);
    }

    /// <summary>
    /// Appends <paramref name="bytes"/>: calls the buffer directly, where the <c>IBufferWriter</c> extension's
    /// interface calls cost more than the copy for the short parts written here.
    /// </summary>
    private void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.GetSpan(bytes.Length));
        _output.Advance(bytes.Length);
    }

    /// <summary>Appends again bytes this object already holds (a value written once).</summary>
    private void CopyWritten((int Start, int Length) written)
    {
        var destination = _output.GetSpan(written.Length);
        _output.WrittenSpan.Slice(written.Start, written.Length).CopyTo(destination);
        _output.Advance(written.Length);
    }

    /// <summary><c>"name":</c> as the writer escapes it.</summary>
    private byte[] PropertyName(int position, string name)
    {
        if (LastPart.At(_lastNames, position, name, null) is { } last)
        {
            return last;
        }
        if (!_propertyNames.TryGetValue(name, out var bytes))
        {
            bytes = Remember(_propertyNames, name, Written(static (json, name) =>
            {
                json.WriteStartObject();
                json.WriteNull(name);
                json.WriteEndObject();
            }, name)["{"u8.Length..^"null}"u8.Length]);
        }
        return LastPart.Remember(_lastNames, position, name, null, bytes);
    }

    /// <summary><c>{"name":…,"type":…,"value":</c></summary>
    private byte[] MatchStart(int position, string name, string type)
    {
        if (LastPart.At(_lastMatchStarts, position, name, type) is { } last)
        {
            return last;
        }
        if (!_matchStarts.TryGetValue((name, type), out var bytes))
        {
            bytes = Remember(_matchStarts, (name, type), Written(static (json, key) =>
            {
                json.WriteStartObject();
                json.WriteString(Name, key.name);
                json.WriteString(Type, key.type);
                json.WriteNull(Value);
                json.WriteEndObject();
            }, (name, type))[..^"null}"u8.Length]);
        }
        return LastPart.Remember(_lastMatchStarts, position, name, type, bytes);
    }

    /// <summary><c>,"rule":…,"rule_version":…}</c>: the object the writer makes, its opening brace a comma.</summary>
    private byte[] MatchEnd(int position, string rule, string version)
    {
        if (LastPart.At(_lastMatchEnds, position, rule, version) is { } last)
        {
            return last;
        }
        if (!_matchEnds.TryGetValue((rule, version), out var bytes))
        {
            var written = Written(static (json, key) =>
            {
                json.WriteStartObject();
                json.WriteString(Rule, key.rule);
                json.WriteString(RuleVersion, key.version);
                json.WriteEndObject();
            }, (rule, version));
            written[0] = (byte)',';
            bytes = Remember(_matchEnds, (rule, version), written);
        }
        return LastPart.Remember(_lastMatchEnds, position, rule, version, bytes);
    }

    /// <summary>What the writer makes with <paramref name="write"/>.</summary>
    private byte[] Written<TState>(Action<Utf8JsonWriter, TState> write, TState state)
    {
        _scratch.ResetWrittenCount();
        _scratchJson.Reset();
        write(_scratchJson, state);
        _scratchJson.Flush();
        return _scratch.WrittenSpan.ToArray();
    }

    private static byte[] Remember<TKey>(Dictionary<TKey, byte[]> prepared, TKey key, byte[] bytes)
        where TKey : notnull
    {
        if (prepared.Count < MaxPreparedParts)
        {
            prepared[key] = bytes;
        }
        return bytes;
    }

    private static int IndexOfName(IReadOnlyList<ExtractedField> fields, string name, int from = 0)
    {
        for (var i = from; i < fields.Count; i++)
        {
            if (fields[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Plain values directly; normalized values (phone, money, time range…) through the document JSON shape.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            default:
                JsonSerializer.Serialize(json, value, value.GetType(), DocumentJson.Options);
                break;
        }
    }

    /// <summary>
    /// The part a field position used last, by the identity of its key strings. A rule's fields come in the same order
    /// event after event with the same string instances, and checking those references costs much less than hashing
    /// the strings for the dictionary; any other key falls through to the dictionary.
    /// </summary>
    private record struct LastPart(string? First, string? Second, byte[]? Bytes)
    {
        public static byte[]? At(LastPart[] last, int position, string first, string? second) =>
            position < last.Length && ReferenceEquals(last[position].First, first) && ReferenceEquals(last[position].Second, second)
                ? last[position].Bytes
                : null;

        public static byte[] Remember(LastPart[] last, int position, string first, string? second, byte[] bytes)
        {
            if (position < last.Length)
            {
                last[position] = new LastPart(first, second, bytes);
            }
            return bytes;
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, JsonEncodedText name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}
