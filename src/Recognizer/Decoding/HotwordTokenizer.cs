namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Turns a hotword phrase into the model's token ids (WeNet <c>SplitContextToUnits</c>): a phrase already written in the
/// model's pieces (<c>▁GOLD ▁MEMBER SHIP</c>) is taken as is; otherwise Chinese, Japanese and Korean text goes by
/// character and every other word into the longest pieces that match, the first marked with <c>▁</c>, trying the word
/// as written, then lower case, then upper case. In a byte-level table the phrase's UTF-8 bytes are spelled with the
/// longest byte tokens that match, left to right.
/// </summary>
internal sealed class HotwordTokenizer(TokenTable tokens)
{
    private static readonly string s_boundary = TokenTable.WordBoundary.ToString();
    private Dictionary<string, int>? _byteTokens;
    private int _longestByteToken;

    /// <summary>The ids of <paramref name="phrase"/>, or null with <paramref name="problem"/> naming the piece the model lacks.</summary>
    public int[]? Tokenize(string phrase, out string problem)
    {
        problem = "";
        if (tokens.IsByteLevel)
        {
            return TokenizeBytes(phrase.Trim(), out problem);
        }

        var words = phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            problem = "the phrase is empty";
            return null;
        }

        if (phrase.Contains(TokenTable.WordBoundary) && AsPieces(words) is { } pieces)
        {
            return pieces;
        }

        var ids = new List<int>();
        foreach (var word in words)
        {
            var wordIds = TokenizeWord(word) ?? TokenizeWord(word.ToLowerInvariant()) ?? TokenizeWord(word.ToUpperInvariant());
            if (wordIds is null)
            {
                problem = $"'{word}' cannot be written with the pieces of {tokens.Path}";
                return null;
            }

            ids.AddRange(wordIds);
        }

        return ids.ToArray();
    }

    private int[]? TokenizeBytes(string phrase, out string problem)
    {
        problem = "";
        var bytes = System.Text.Encoding.UTF8.GetBytes(phrase);
        if (bytes.Length == 0)
        {
            problem = "the phrase is empty";
            return null;
        }

        _byteTokens ??= ByteTokens();
        var ids = new List<int>();
        for (var position = 0; position < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - position, _longestByteToken);
            while (length > 0 && !_byteTokens.TryGetValue(Convert.ToHexString(bytes, position, length), out _))
            {
                length--;
            }

            if (length == 0)
            {
                problem = $"byte {bytes[position]:X2} of '{phrase}' is no token of {tokens.Path}";
                return null;
            }

            ids.Add(_byteTokens[Convert.ToHexString(bytes, position, length)]);
            position += length;
        }

        return ids.ToArray();
    }

    private Dictionary<string, int> ByteTokens()
    {
        var byHex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Count; id++)
        {
            var bytes = tokens.BytesOf(id);
            if (bytes.Length > 0)
            {
                byHex.TryAdd(Convert.ToHexString(bytes), id);
                _longestByteToken = Math.Max(_longestByteToken, bytes.Length);
            }
        }

        return byHex;
    }

    private int[]? AsPieces(string[] words)
    {
        var ids = new int[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            if (!tokens.TryGetId(words[i], out ids[i]) || tokens.IsSpecial(ids[i]))
            {
                return null;
            }
        }

        return ids;
    }

    private List<int>? TokenizeWord(string word)
    {
        var ids = new List<int>();
        var position = 0;
        while (position < word.Length)
        {
            var atStart = position == 0;
            if (IsCharacterScript(word[position]))
            {
                var character = word.Substring(position, 1);
                if (!TryPiece(character, marked: false, ids) && !(atStart && TryPiece(character, marked: true, ids)))
                {
                    return null;
                }

                position++;
                continue;
            }

            var end = position;
            while (end < word.Length && !IsCharacterScript(word[end]))
            {
                end++;
            }

            var length = LongestPiece(word, position, end, atStart, ids);
            if (length == 0)
            {
                return null;
            }

            position += length;
        }

        return ids;
    }

    /// <summary>
    /// Adds the longest piece of <paramref name="word"/>[start..end) and returns its length, or 0 when none matches. At a
    /// word start a piece marked with <c>▁</c> is preferred to a longer unmarked one, as SentencePiece marks word starts.
    /// </summary>
    private int LongestPiece(string word, int start, int end, bool atStart, List<int> ids)
    {
        foreach (var marked in atStart ? new[] { true, false } : new[] { false })
        {
            for (var length = end - start; length > 0; length--)
            {
                if (TryPiece(word.Substring(start, length), marked, ids))
                {
                    return length;
                }
            }
        }

        return 0;
    }

    private bool TryPiece(string text, bool marked, List<int> ids)
    {
        if (!tokens.TryGetId(marked ? s_boundary + text : text, out var id) || tokens.IsSpecial(id))
        {
            return false;
        }

        ids.Add(id);
        return true;
    }

    /// <summary>Scripts written without spaces, whose pieces are single characters: CJK ideographs, kana, hangul.</summary>
    private static bool IsCharacterScript(char c) =>
        c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uac00' and <= '\ud7af' or >= '\uf900' and <= '\ufaff';
}
