using System.Text;

namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// E-mail addresses and web addresses read out: "a dot b c at g mail dot com" → a.bc@gmail.com,
/// "h t t p colon slash slash w w w dot nvidia dot com" → http://www.nvidia.com. The address must end in
/// "dot" and a domain, and the part before "at" may hold at most one whole word, so "I am at home" is left alone.
/// </summary>
internal static class Electronic
{
    private static readonly Dictionary<string, string> Symbols = new()
    {
        ["dot"] = ".", ["at"] = "@", ["hyphen"] = "-", ["dash"] = "-", ["underscore"] = "_", ["slash"] = "/", ["colon"] = ":",
    };

    public static EnglishMatch? Match(Token[] t, int i)
    {
        if (Symbols.ContainsKey(t[i].Lower) || !IsPart(t[i]))
        {
            return null;
        }

        int j = i;
        int lastDot = -1;
        int at = -1;
        int wordsBeforeAt = 0;
        while (j < t.Length && (IsPart(t[j]) || Symbols.ContainsKey(t[j].Lower)))
        {
            if (t[j].Lower == "at")
            {
                if (at >= 0)
                {
                    break;
                }

                at = j;
            }
            else if (t[j].Lower == "dot" && j + 1 < t.Length && IsPart(t[j + 1]))
            {
                lastDot = j;
            }
            else if (at < 0 && t[j].Lower.Length > 1 && NumberWords.Digit(t[j].Lower) < 0 && !Symbols.ContainsKey(t[j].Lower))
            {
                wordsBeforeAt++;
            }

            j++;
        }

        if (lastDot < 0 || (at >= 0 && (lastDot < at || wordsBeforeAt > 1)) || (at < 0 && wordsBeforeAt > 2 && !IsWeb(t, i)))
        {
            return null;
        }

        if (NumberWords.Digit(t[lastDot + 1].Lower) >= 0)
        {
            return null;
        }

        int end = lastDot + 2;
        while (end < j && t[end].Lower != "dot" && !Symbols.ContainsKey(t[end].Lower) && t[end].Lower.Length == 1)
        {
            end++;
        }

        end = Math.Max(end, SlashTail(t, end, j));
        return new EnglishMatch(end - i, Write(t, i, end), "electronic");
    }

    private static int SlashTail(Token[] t, int end, int limit)
    {
        int k = end;
        while (k + 1 < limit && t[k].Lower == "slash" && IsPart(t[k + 1]))
        {
            k += 2;
            while (k < limit && t[k].Lower.Length == 1 && t[k].Lower != "dot")
            {
                k++;
            }
        }

        return k;
    }

    private static string Write(Token[] t, int i, int end)
    {
        var sb = new StringBuilder();
        int k = i;
        if (IsWeb(t, i) && t[i].Lower.StartsWith('h'))
        {
            sb.Append("http");
            k = t[i].Lower == "http" ? i + 1 : i + 4;
        }

        for (; k < end; k++)
        {
            string lower = t[k].Lower;
            if (Symbols.TryGetValue(lower, out var symbol))
            {
                sb.Append(symbol);
            }
            else if (NumberWords.Digit(lower) is >= 0 and var d && lower is not ("o" or "oh"))
            {
                sb.Append(d);
            }
            else if (k + 2 < end && lower == "w" && t[k + 1].Lower == "w" && t[k + 2].Lower == "w")
            {
                sb.Append("www");
                k += 2;
            }
            else
            {
                sb.Append(t[k].Text);
            }
        }

        return sb.ToString();
    }

    private static bool IsWeb(Token[] t, int i) =>
        t[i].Lower == "http" || (i + 3 < t.Length && string.Concat(t.Skip(i).Take(4).Select(x => x.Lower)) == "http")
        || (i + 2 < t.Length && t[i].Lower == "w" && t[i + 1].Lower == "w" && t[i + 2].Lower == "w");

    private static bool IsPart(Token token) => token.Lower.All(char.IsAsciiLetter) && token.Lower.Length > 0;
}
