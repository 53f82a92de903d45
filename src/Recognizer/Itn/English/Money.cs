using System.Globalization;

namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Money: "two dollars" → $2, "eleven dollars and fifty one cents" → $11.51, "seventy five dollars sixty three" →
/// $75.63, "one cent" → $0.01, "fifty million dollars" → $50 million, "four million yuan" → 4 million yuan,
/// "a hundred and twenty dollars" → $120 (the "a" of "a hundred" or "a thousand" counts as one before a currency).
/// </summary>
internal sealed class Money(PhraseTable currencies)
{
    public EnglishMatch? Match(Token[] t, int i)
    {
        if (t[i].Lower == "a" && i + 1 < t.Length && t[i + 1].Lower is "hundred" or "thousand")
        {
            var counted = (Token[])t.Clone();
            counted[i] = t[i] with { Lower = "one" };
            t = counted;
        }

        if (NumberWords.Amount(t, i) is not { } amount)
        {
            return null;
        }

        int j = i + amount.Count;
        if (j < t.Length && t[j].Lower is "cent" or "cents")
        {
            return decimal.TryParse(amount.Written, CultureInfo.InvariantCulture, out var cents) && cents < 100
                ? new EnglishMatch(amount.Count + 1, "$" + (cents / 100).ToString("0.00", CultureInfo.InvariantCulture), "money")
                : null;
        }

        if (currencies.Match(t, j) is not { } currency || (amount.Written == "1" && currency.Row[0].EndsWith('s')))
        {
            return null;
        }

        var (symbol, where, minor) = (currency.Row[1], currency.Row[2], currency.Row.Length > 3 ? currency.Row[3] : "");
        j += currency.Count;
        string written = amount.Written;
        if (minor.Length > 0 && !written.Contains(' '))
        {
            int k = j < t.Length && t[j].Lower == "and" ? j + 1 : j;
            if (NumberWords.Cardinal(t, k) is { } sub && sub.Value is > 0 and < 100)
            {
                int after = k + sub.Count;
                bool named = after < t.Length && (t[after].Lower == minor || t[after].Lower == minor.TrimEnd('s'));
                if (named || k == j)
                {
                    written += "." + ((int)sub.Value).ToString("00", CultureInfo.InvariantCulture);
                    j = after + (named ? 1 : 0);
                }
            }
        }

        written = where == "prefix" ? symbol + written : written + " " + symbol;
        return new EnglishMatch(j - i, written, "money");
    }
}
