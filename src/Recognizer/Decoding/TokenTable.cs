using System.Globalization;
using System.Text.Json;
using FunAsr.Recognizer.Models;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Token id → piece, from sherpa-onnx's <c>tokens.txt</c> (one <c>&lt;piece&gt; &lt;id&gt;</c> per line) or FunASR's
/// <c>tokens.json</c> (a JSON array, index = id). <c>▁</c> (U+2581) in a piece marks a word boundary; CJK pieces carry
/// none and so join without spaces. Errors name <c>path:line</c>.
/// </summary>
internal sealed class TokenTable
{
    /// <summary>SentencePiece's word-boundary marker.</summary>
    public const char WordBoundary = '\u2581';

    private readonly string[] _pieces;
    private readonly Dictionary<string, int> _ids;

    private TokenTable(string path, string[] pieces)
    {
        Path = path;
        _pieces = pieces;
        _ids = new Dictionary<string, int>(pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < pieces.Length; i++)
        {
            _ids.TryAdd(pieces[i], i);
        }
    }

    /// <summary>The file the table was read from.</summary>
    public string Path { get; }

    public int Count => _pieces.Length;

    /// <summary>The piece for <paramref name="id"/>, as stored (with <c>▁</c>).</summary>
    public string this[int id] => _pieces[id];

    public bool TryGetId(string piece, out int id) => _ids.TryGetValue(piece, out id);

    /// <summary>True for tags and control pieces that never appear in text: <c>&lt;|zh|&gt;</c>, <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>…</summary>
    public bool IsSpecial(int id)
    {
        var piece = _pieces[id];
        return piece.Length > 2 && piece[0] == '<' && piece[^1] == '>';
    }

    /// <summary>Reads <c>tokens.txt</c> or <c>tokens.json</c> (by extension).</summary>
    /// <exception cref="ModelLoadException">Missing file, malformed line, duplicate or missing id.</exception>
    public static TokenTable Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException(path, "token table not found (a model directory needs tokens.txt or tokens.json beside the model file).");
        }

        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? LoadJson(path) : LoadText(path);
    }

    private static TokenTable LoadText(string path)
    {
        var byId = new Dictionary<int, string>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var split = line.LastIndexOf(' ');
            if (split < 0 || !int.TryParse(line.AsSpan(split + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                throw new ModelLoadException($"{path}:{lineNumber}", $"expected '<piece> <id>', got '{line}'.");
            }

            // A line " 123" (a lone space before the id) is the piece " " in some SentencePiece vocabularies.
            var piece = split == 0 ? " " : line[..split];
            if (!byId.TryAdd(id, piece))
            {
                throw new ModelLoadException($"{path}:{lineNumber}", $"id {id} is used twice ('{byId[id]}' and '{piece}').");
            }
        }

        var pieces = new string[byId.Count];
        foreach (var (id, piece) in byId)
        {
            if (id >= pieces.Length)
            {
                throw new ModelLoadException(path, $"ids must run from 0 to {pieces.Length - 1} without gaps; found id {id} ('{piece}').");
            }

            pieces[id] = piece;
        }

        return new TokenTable(path, pieces);
    }

    private static TokenTable LoadJson(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var pieces = JsonSerializer.Deserialize<string[]>(stream) ?? [];
            return new TokenTable(path, pieces);
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{path}:{(e.LineNumber ?? 0) + 1}", $"expected a JSON array of token strings: {e.Message}", inner: e);
        }
    }
}
