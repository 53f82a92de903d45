namespace FunAsr.Recognizer.Itn.English;

/// <summary>A whitespace-separated word of the input, lower-cased for matching, with its place in the text.</summary>
internal readonly record struct Token(int Start, int End, string Text, string Lower)
{
    /// <summary>Splits <paramref name="text"/> into words at whitespace.</summary>
    public static Token[] Split(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                string word = text[start..i];
                tokens.Add(new Token(start, i, word, word.ToLowerInvariant()));
            }
        }

        return [.. tokens];
    }
}
