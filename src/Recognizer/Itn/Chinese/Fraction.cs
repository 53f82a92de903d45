namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>Fractions: 十六分之三 → 3/16, 负十二分之七 → -7/12.</summary>
internal static class Fraction
{
    public static TaggedMatch? Match(string s, int i)
    {
        int j = i;
        string sign = "";
        if (j < s.Length && s[j] == '负')
        {
            sign = "-";
            j++;
        }

        if (ChineseNumerals.ParseCardinal(s, j) is not { } denominator || !s.AsSpan(denominator.End).StartsWith("分之"))
        {
            return null;
        }

        if (ChineseNumerals.ParseNumber(s, denominator.End + 2) is not { } numerator)
        {
            return null;
        }

        return new TaggedMatch(numerator.End - i, sign + numerator.Written + "/" + denominator.Written, "fraction");
    }
}
