using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Amounts of money: 三千三百八十元五角八分 → 3380元5角8分 (Keep) or ¥3380.58 (Symbol); 十二块五 → 12块5;
/// 十三点五美元 → 13.5美元 or $13.5; 八九千美元 → 8000~9000美元 or $8000~9000.
/// </summary>
internal sealed class Money(ItnOptions options, ChineseUnits units)
{
    public TaggedMatch? Match(string s, int i)
    {
        if (ChineseQuantity.Parse(s, i, options.JoinRanges) is not { } quantity || Cardinal.IsApproximate(s, i, i + quantity.Length))
        {
            return null;
        }

        int j = i + quantity.Length;
        bool symbols = options.UnitStyle == ItnUnitStyle.Symbol;
        if (j < s.Length && s[j] == '块')
        {
            return quantity.IsLoneDigit && !options.EnableZeroToNine ? null : Kuai(s, i, j, quantity.Written);
        }

        if (units.Currency(s, j) is not { } currency)
        {
            return null;
        }

        j += currency.Spoken.Length;
        if (currency.Spoken != "元")
        {
            return new TaggedMatch(j - i, symbols ? currency.Symbol + quantity.Written : quantity.Written + currency.Spoken, "money");
        }

        int jiao = SubUnit(s, ref j, "角毛");
        int fen = SubUnit(s, ref j, "分");
        if (!symbols)
        {
            var keep = new StringBuilder(quantity.Written).Append('元');
            string spoken = s[(i + quantity.Length + 1)..j];
            foreach (char c in spoken)
            {
                keep.Append(ChineseNumerals.Digit(c) is >= 0 and var d ? (char)('0' + d) : c);
            }

            return new TaggedMatch(j - i, keep.ToString(), "money");
        }

        string cents = jiao < 0 && fen < 0 ? "" : "." + Math.Max(jiao, 0) + (fen >= 0 ? fen.ToString() : "");
        return new TaggedMatch(j - i, currency.Symbol + quantity.Written + cents, "money");
    }

    // 十二块五 → 12块5, 十二块五毛 → 12块5毛, 一百块钱 → 100块钱: the spoken units stay, digits convert.
    private static TaggedMatch Kuai(string s, int i, int j, string written)
    {
        var sb = new StringBuilder(written).Append('块');
        j++;
        if (j < s.Length && s[j] == '钱')
        {
            sb.Append('钱');
            j++;
        }
        else if (j < s.Length && ChineseNumerals.Digit(s[j]) is > 0 and var d && !ChineseNumerals.ContinuesNumber(s, j + 1))
        {
            sb.Append(d);
            j++;
            if (j < s.Length && s[j] is '毛' or '角')
            {
                sb.Append(s[j]);
                j++;
            }
        }

        return new TaggedMatch(j - i, sb.ToString(), "money");
    }

    private static int SubUnit(string s, ref int j, string markers)
    {
        if (j + 1 < s.Length && ChineseNumerals.Digit(s[j]) is >= 0 and var d && markers.Contains(s[j + 1]))
        {
            j += 2;
            return d;
        }

        return -1;
    }
}
