namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Numbers standing alone: 一千零一 → 1001, 负三点一四 → -3.14, 二十点一万 → 20.1万. Guarded by
/// <see cref="ItnOptions.EnableStandaloneNumber"/> (decimals always convert) and <see cref="ItnOptions.EnableZeroToNine"/>;
/// a number next to 几 (几十万, 十几万) is approximate and stays in words.
/// </summary>
internal sealed class Cardinal(ItnOptions options)
{
    public TaggedMatch? Match(string s, int i)
    {
        if (ChineseNumerals.ParseNumber(s, i) is not { } number)
        {
            return null;
        }

        if (number.IsLoneDigit && !options.EnableZeroToNine)
        {
            return null;
        }

        if (!number.IsDecimal && !options.EnableStandaloneNumber)
        {
            return null;
        }

        return IsApproximate(s, i, number.End) ? null : new TaggedMatch(number.Length, number.Written, number.IsDecimal ? "decimal" : "cardinal");
    }

    /// <summary>Whether 几 touches the number (几十万, 十几万, 二十几): such numbers stay in words.</summary>
    public static bool IsApproximate(string s, int start, int end) =>
        (start > 0 && s[start - 1] == '几') || (end < s.Length && s[end] == '几');
}
