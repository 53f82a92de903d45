using System.Text;
using System.Text.Json;

namespace FunAsr.Ingest.Events;

/// <summary>
/// Reads one JSON event (an NDJSON line) without building a document: validates it, finds the first source field
/// that is present and not null (a dotted path such as <c>event.original</c> matches both nested objects and a
/// literal dotted key), and records where the target key's value and the closing brace are, so the caller can
/// splice its results into the original bytes and leave every other key byte for byte as it was. Not thread-safe:
/// its working lists are reused from one line to the next.
/// </summary>
internal sealed class EventScanner
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private readonly string[] _sourcePaths;
    private readonly HashSet<string> _prefixes;
    private readonly (byte[] Utf8, string Path)[] _topLevelCandidates;
    private readonly byte[] _target;
    private readonly Found[] _found;
    private readonly List<string?> _parents = new(8);

    /// <param name="sourcePaths">Dotted source field paths, in the order they are tried.</param>
    /// <param name="target">The top-level key results go under.</param>
    public EventScanner(IReadOnlyList<string> sourcePaths, string target)
    {
        _sourcePaths = [.. sourcePaths];
        _prefixes = [.. sourcePaths.SelectMany(Prefixes)];
        _topLevelCandidates = [.. _prefixes.Union(sourcePaths).Select(p => (Encoding.UTF8.GetBytes(p), p))];
        _target = Encoding.UTF8.GetBytes(target);
        _found = new Found[_sourcePaths.Length];
    }

    /// <summary>Scans <paramref name="line"/>, which starts with <c>{</c> or <c>[</c>; see <see cref="ScannedEvent"/>.</summary>
    public ScannedEvent Scan(ReadOnlySpan<byte> line)
    {
        var found = _found;
        Array.Clear(found);
        var parents = _parents;
        parents.Clear();
        var reader = new Utf8JsonReader(line, ReaderOptions);
        int targetStart = -1, targetEnd = -1, closeBrace = -1, topLevelKeys = 0;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                while (reader.Read())
                {
                }
                return ScannedEvent.Failed("not_an_object", "the line is a JSON array, not an object");
            }
            parents.Add("");
            string? pending = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = CandidatePath(ref reader, parents[^1]);
                        if (reader.CurrentDepth == 1)
                        {
                            topLevelKeys++;
                            if (reader.ValueTextEquals(_target))
                            {
                                reader.Read();
                                targetStart = (int)reader.TokenStartIndex;
                                reader.Skip();
                                targetEnd = (int)reader.BytesConsumed;
                                pending = null;
                            }
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Record(found, pending, ref reader);
                        parents.Add(reader.TokenType == JsonTokenType.StartObject && pending is not null && _prefixes.Contains(pending) ? pending : null);
                        pending = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        parents.RemoveAt(parents.Count - 1);
                        if (parents.Count == 0)
                        {
                            closeBrace = (int)reader.TokenStartIndex;
                        }
                        break;
                    default:
                        Record(found, pending, ref reader);
                        pending = null;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return ScannedEvent.Failed("invalid_json", ex.Message);
        }
        var source = Array.FindIndex(found, f => f.Present);
        return new ScannedEvent(null, closeBrace, topLevelKeys > 0, targetStart, targetEnd,
            source < 0 ? null : _sourcePaths[source], source < 0 ? null : found[source].Text, source < 0 ? null : found[source].Type);
    }

    private string? CandidatePath(ref Utf8JsonReader reader, string? parent)
    {
        if (parent is null)
        {
            return null;
        }
        if (parent.Length == 0)
        {
            foreach (var (utf8, path) in _topLevelCandidates)
            {
                if (reader.ValueTextEquals(utf8))
                {
                    return path;
                }
            }
            return null;
        }
        var full = parent + "." + reader.GetString();
        return _prefixes.Contains(full) || Array.IndexOf(_sourcePaths, full) >= 0 ? full : null;
    }

    private void Record(Found[] found, string? path, ref Utf8JsonReader reader)
    {
        if (path is null || reader.TokenType == JsonTokenType.Null)
        {
            return;
        }
        var index = Array.IndexOf(_sourcePaths, path);
        if (index < 0 || found[index].Present)
        {
            return;
        }
        found[index] = reader.TokenType == JsonTokenType.String
            ? new Found(true, reader.GetString(), "string")
            : new Found(true, null, reader.TokenType switch
            {
                JsonTokenType.Number => "a number",
                JsonTokenType.True or JsonTokenType.False => "a boolean",
                JsonTokenType.StartArray => "an array",
                _ => "an object",
            });
    }

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1))
        {
            yield return path[..dot];
        }
    }

    private readonly record struct Found(bool Present, string? Text, string Type);
}
