
namespace FunAsr.Recognizer.Itn.English;

/// <summary>Ordinals: "twenty first" → 21st, "one hundredth" → 100th; a lone first…twelfth only with small numbers on.</summary>
internal sealed class Ordinal(ItnOptions options)
{
    private static readonly Dictionary<string, string> Irregular = new()
    {
        ["zeroth"] = "zero", ["first"] = "one", ["second"] = "two", ["third"] = "three", ["fifth"] = "five",
        ["eighth"] = "eight", ["ninth"] = "nine", ["twelfth"] = "twelve",
    };

    public EnglishMatch? Match(Token[] t, int i)
    {
        for (int n = 1; i + n <= t.Length && n <= 12; n++)
        {
            if (Parse(t, i, n) is { } value)
            {
                bool small = n == 1 && value <= 12;
                return small && !options.SmallEnglishNumbers ? null : new EnglishMatch(n, value + NumberWords.OrdinalSuffix(value), "ordinal");
            }
        }

        return null;
    }

    /// <summary>The value when tokens [i, i+n) are exactly an ordinal whose last word is the ordinal word.</summary>
    public static decimal? Parse(Token[] t, int i, int n)
    {
        string last = t[i + n - 1].Lower;
        string? cardinalWord = Irregular.TryGetValue(last, out var irregular) ? irregular
            : last.EndsWith("ieth") ? last[..^4] + "y"
            : last.EndsWith("th") ? last[..^2]
            : null;
        if (cardinalWord is null)
        {
            return null;
        }

        var words = t.Skip(i).Take(n - 1).Append(new Token(0, 0, cardinalWord, cardinalWord)).ToArray();
        return NumberWords.Cardinal(words, 0) is { } c && c.Count == n && !c.Written.Contains(' ') ? c.Value : null;
    }
}
