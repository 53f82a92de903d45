using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FunAsr.Recognizer.Decoding.Qwen;

/// <summary>
/// Qwen's byte-level BPE tokenizer, read the way sherpa-onnx reads it: <c>vocab.json</c> (piece → id, pieces in the
/// <see cref="ByteLevelAlphabet"/>), <c>merges.txt</c> (one merge per line by rank; <c>#version</c> lines skipped) and the
/// <c>added_tokens</c> of <c>tokenizer.json</c> (<c>&lt;|im_start|&gt;</c>…). Encoding matches added tokens first (longest
/// first), splits the rest with Qwen2's pre-tokenizer pattern, maps bytes to the alphabet and merges by rank; decoding
/// maps ids back to bytes. Thread-safe.
/// </summary>
internal sealed partial class QwenTokenizer
{
    public const string EndOfText = "<|endoftext|>";
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(string, string), int> _mergeRanks;
    private readonly Dictionary<string, int> _added;
    private readonly string[] _addedByLength;
    private readonly Dictionary<int, byte[]> _bytesOfId;
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);

    private QwenTokenizer(string directory, Dictionary<string, int> vocab, Dictionary<(string, string), int> mergeRanks, Dictionary<string, int> added)
    {
        Directory = directory;
        _vocab = vocab;
        _mergeRanks = mergeRanks;
        _added = added;
        _addedByLength = [.. added.Keys.OrderByDescending(k => k.Length)];
        _bytesOfId = vocab.ToDictionary(p => p.Value, p => PieceBytes(p.Key));
        foreach (var (content, id) in added)
        {
            _bytesOfId[id] = Encoding.UTF8.GetBytes(content);
        }
    }

    /// <summary>The folder the three files were read from.</summary>
    public string Directory { get; }

    /// <summary>The id of an added token such as <see cref="ImEnd"/>.</summary>
    /// <exception cref="ModelLoadException">tokenizer.json does not define it.</exception>
    public int SpecialId(string content) => _added.TryGetValue(content, out var id)
        ? id
        : throw new ModelLoadException(Path.Combine(Directory, "tokenizer.json"), $"added_tokens has no '{content}' (it has {string.Join(", ", _added.Keys)}).");

    /// <summary>True for added tokens (never part of the transcript).</summary>
    public bool IsAdded(int id) => _added.ContainsValue(id);

    /// <summary>The raw bytes of <paramref name="id"/> (UTF-8 of the content for added tokens); empty for unknown ids.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => _bytesOfId.TryGetValue(id, out var bytes) ? bytes : [];

    /// <summary>Reads <c>vocab.json</c>, <c>merges.txt</c> and <c>tokenizer.json</c> from <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">A file is missing or malformed; names it.</exception>
    public static QwenTokenizer Load(string directory)
    {
        var vocabPath = Required(directory, "vocab.json");
        var mergesPath = Required(directory, "merges.txt");
        var tokenizerPath = Required(directory, "tokenizer.json");
        Dictionary<string, int> vocab;
        Dictionary<string, int> added = new(StringComparer.Ordinal);
        try
        {
            using (var stream = File.OpenRead(vocabPath))
            {
                vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(stream) ?? [];
            }
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(vocabPath, $"expected a JSON object of piece → id: {e.Message}", inner: e);
        }

        try
        {
            using var stream = File.OpenRead(tokenizerPath);
            using var document = JsonDocument.Parse(stream);
            if (!document.RootElement.TryGetProperty("added_tokens", out var tokens) || tokens.ValueKind != JsonValueKind.Array)
            {
                throw new ModelLoadException(tokenizerPath, "has no 'added_tokens' array (the special tokens <|im_start|>, <|im_end|>, <|endoftext|>).");
            }

            foreach (var token in tokens.EnumerateArray())
            {
                added[token.GetProperty("content").GetString()!] = token.GetProperty("id").GetInt32();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelLoadException(tokenizerPath, $"expected added_tokens entries with 'id' and 'content': {e.Message}", inner: e);
        }

        var ranks = new Dictionary<(string, string), int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(mergesPath))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith("#version", StringComparison.Ordinal))
            {
                continue;
            }

            var space = line.IndexOf(' ');
            if (space <= 0 || space == line.Length - 1)
            {
                throw new ModelLoadException($"{mergesPath}:{lineNumber}", $"expected '<left> <right>', got '{line}'.");
            }

            ranks.TryAdd((line[..space], line[(space + 1)..]), ranks.Count);
        }

        var tokenizer = new QwenTokenizer(directory, vocab, ranks, added);
        foreach (var special in new[] { EndOfText, ImStart, ImEnd })
        {
            tokenizer.SpecialId(special);
        }

        return tokenizer;
    }

    /// <summary>The ids of <paramref name="text"/>; added tokens written literally become their ids.</summary>
    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        var start = 0;
        for (var i = 0; i < text.Length;)
        {
            var special = _addedByLength.FirstOrDefault(a => string.CompareOrdinal(text, i, a, 0, a.Length) == 0);
            if (special is null)
            {
                i++;
                continue;
            }

            EncodeOrdinary(text[start..i], ids);
            ids.Add(_added[special]);
            i += special.Length;
            start = i;
        }

        EncodeOrdinary(text[start..], ids);
        return ids;
    }

    private void EncodeOrdinary(string text, List<int> ids)
    {
        foreach (Match word in PreTokenizer().Matches(text))
        {
            ids.AddRange(_wordCache.GetOrAdd(word.Value, BytePairEncode));
        }
    }

    private int[] BytePairEncode(string word)
    {
        var symbols = Encoding.UTF8.GetBytes(word).Select(b => ByteLevelAlphabet.CharOf(b).ToString()).ToList();
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_mergeRanks.TryGetValue((symbols[i], symbols[i + 1]), out var rank) && rank < bestRank)
                {
                    (best, bestRank) = (i, rank);
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] += symbols[best + 1];
            symbols.RemoveAt(best + 1);
        }

        // Pieces missing from the vocabulary are dropped, as sherpa-onnx does.
        return symbols.Where(_vocab.ContainsKey).Select(s => _vocab[s]).ToArray();
    }

    private static byte[] PieceBytes(string piece)
    {
        var bytes = new List<byte>(piece.Length);
        foreach (var symbol in piece)
        {
            if (ByteLevelAlphabet.TryByteOf(symbol, out var value))
            {
                bytes.Add(value);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(symbol.ToString()));
            }
        }

        return [.. bytes];
    }

    private static string Required(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new ModelLoadException(path,
            "missing: a Qwen tokenizer folder needs vocab.json, merges.txt and tokenizer.json (the Qwen3-0.6B/ folder of the published model).");
    }

    // Qwen2's pre-tokenizer (tokenizer.json "pre_tokenizer" Split pattern).
    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PreTokenizer();
}
