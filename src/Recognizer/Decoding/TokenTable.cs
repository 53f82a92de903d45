using System.Globalization;
using System.Text.Json;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Token id → piece, from sherpa-onnx's <c>tokens.txt</c> (one <c>&lt;piece&gt; &lt;id&gt;</c> per line) or FunASR's
/// <c>tokens.json</c> (a JSON array, index = id). <c>▁</c> (U+2581) in a piece marks a word boundary; CJK pieces carry
/// none and so join without spaces. Errors name <c>path:line</c>. A byte-level table (<see cref="DecodeBase64"/>, the
/// Fun-ASR-Nano CTC export's tiktoken-style <c>tokens.txt</c>) holds each token's raw bytes, which may be part of a
/// UTF-8 character; text is made by joining bytes, not pieces.
/// </summary>
internal sealed class TokenTable
{
    /// <summary>SentencePiece's word-boundary marker.</summary>
    public const char WordBoundary = '\u2581';

    private readonly string[] _pieces;
    private readonly Dictionary<string, int> _ids;
    private readonly byte[][]? _bytes;

    private TokenTable(string path, string[] pieces, byte[][]? bytes = null)
    {
        Path = path;
        _pieces = pieces;
        _bytes = bytes;
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

    /// <summary>True when tokens are raw bytes (<see cref="DecodeBase64"/>).</summary>
    public bool IsByteLevel => _bytes is not null;

    /// <summary>The raw bytes of <paramref name="id"/> in a byte-level table.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _bytes![id];

    /// <summary>The same table with every piece read as base64 of the token's bytes (sherpa-onnx <c>ApplyBase64Decode</c>);
    /// an empty or lone-space piece is the empty token. Pieces stay as written, so an ARPA language model over this
    /// model's tokens is written in the base64 pieces of tokens.txt.</summary>
    /// <exception cref="ModelLoadException">A piece is not base64; names <c>path:line</c> of its id.</exception>
    public TokenTable DecodeBase64()
    {
        var bytes = new byte[_pieces.Length][];
        for (var id = 0; id < _pieces.Length; id++)
        {
            var piece = _pieces[id].Trim();
            try
            {
                bytes[id] = Convert.FromBase64String(piece);
            }
            catch (FormatException e)
            {
                throw new ModelLoadException($"{Path}:{id + 1}", $"token {id} '{piece}' is not base64; a Fun-ASR-Nano CTC model's tokens.txt holds each token's bytes in base64.", inner: e);
            }
        }

        return new TokenTable(Path, _pieces, bytes);
    }

    /// <summary>True for tags and control pieces that never appear in text: <c>&lt;|zh|&gt;</c>, <c>&lt;unk&gt;</c>, <c>&lt;s&gt;</c>…
    /// (never in a byte-level table, whose only control token is the blank).</summary>
    public bool IsSpecial(int id)
    {
        if (IsByteLevel)
        {
            return false;
        }

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
