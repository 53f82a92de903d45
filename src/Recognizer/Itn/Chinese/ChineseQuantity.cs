using System.Globalization;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// A number or a range as it appears before a unit, a currency or after 百分之: 三十 → 30, 三点五 → 3.5,
/// 三五百 → 300~500, 三四万 → 3~4万, 十五六 → 15-6, 七百三四十 → 730-40, 一万六七 → 16000-7000, and with
/// <see cref="ItnOptions.JoinRanges"/> 三十到三百 → 30~300.
/// </summary>
internal static class ChineseQuantity
{
    /// <summary>A parsed quantity.</summary>
    /// <param name="Length">Characters read.</param>
    /// <param name="Written">Its written form.</param>
    /// <param name="IsLoneDigit">A single digit character, guarded by the 0-to-9 switch.</param>
    /// <param name="NeedsUnit">A bare digit pair (七八) that is a range only before a unit.</param>
    /// <param name="IsRange">Two numbers (三五百, 十五六, 三十到四十).</param>
    internal readonly record struct Quantity(int Length, string Written, bool IsLoneDigit, bool NeedsUnit, bool IsRange = true);

    /// <summary>The longest quantity at <paramref name="start"/>, or null.</summary>
    public static Quantity? Parse(string s, int start, bool joinRanges)
    {
        var best = ParseOne(s, start);
        if (best is { } first && joinRanges && first.Length + start + 1 < s.Length && s[start + first.Length] is '到' or '至')
        {
            if (ParseOne(s, start + first.Length + 1) is { NeedsUnit: false } second)
            {
                return new Quantity(first.Length + 1 + second.Length, first.Written + "~" + second.Written, false, false);
            }
        }

        return best;
    }

    /// <summary>A number or a range made of adjacent digits, without 到.</summary>
    public static Quantity? ParseOne(string s, int start)
    {
        Quantity? best = null;
        if (ChineseNumerals.ParseNumber(s, start) is { } number)
        {
            best = new Quantity(number.Length, number.Written, number.IsLoneDigit, false, IsRange: false);
        }

        foreach (var range in new[] { DigitPair(s, start), AfterBase(s, start) })
        {
            if (range is { } r && (best is null || r.Length > best.Value.Length))
            {
                best = r;
            }
        }

        return best;
    }

    // 三五百 → 300~500, 三四万 → 3~4万, 三四十万 → 30~40万, 七八 → 7~8 (before a unit only).
    private static Quantity? DigitPair(string s, int i)
    {
        if (!IsAscendingPair(s, i))
        {
            return null;
        }

        int d1 = ChineseNumerals.Digit(s[i]);
        int d2 = ChineseNumerals.Digit(s[i + 1]);
        int j = i + 2;
        long unit = j < s.Length ? ChineseNumerals.SmallUnit(s[j]) : 0;
        if (unit > 0)
        {
            j++;
        }

        string big = j < s.Length && ChineseNumerals.BigUnit(s[j]) is > 0 and < 1_000_000_000_000 ? s[j++].ToString() : "";
        long m = Math.Max(unit, 1);
        return new Quantity(j - i, Invariant(d1 * m) + "~" + Invariant(d2 * m) + big, false, unit == 0 && big.Length == 0);
    }

    // 十五六 → 15-6, 四十五六万 → 45-6万, 七百三四十 → 730-40, 一万六七 → 16000-7000.
    private static Quantity? AfterBase(string s, int i)
    {
        if (ChineseNumerals.ParseCardinal(s, i) is not { IsLoneDigit: false } baseNumber)
        {
            return null;
        }

        int end = baseNumber.End;
        long baseValue;
        long m;
        int pair;
        char last = s[end - 1];
        if (ChineseNumerals.Digit(last) > 0 && end - 2 >= i && ChineseNumerals.SmallUnit(s[end - 2]) == 10 && IsAscendingPair(s, end - 1))
        {
            pair = end - 1;
            m = 1;
            baseValue = baseNumber.Value - ChineseNumerals.Digit(last);
        }
        else if ((ChineseNumerals.SmallUnit(last) > 0 || ChineseNumerals.BigUnit(last) == 10_000) && IsAscendingPair(s, end))
        {
            pair = end;
            m = Math.Max(1, (ChineseNumerals.SmallUnit(last) + ChineseNumerals.BigUnit(last)) / 10);
            baseValue = baseNumber.Value;
        }
        else
        {
            return null;
        }

        int j = pair + 2;
        if (j < s.Length && ChineseNumerals.SmallUnit(s[j]) is > 0 and var unit && unit < m * 10)
        {
            m = unit;
            j++;
        }

        string big = j < s.Length && ChineseNumerals.BigUnit(s[j]) is > 0 and < 1_000_000_000_000 && baseValue < 10_000 ? s[j++].ToString() : "";
        int d1 = ChineseNumerals.Digit(s[pair]);
        int d2 = ChineseNumerals.Digit(s[pair + 1]);
        return new Quantity(j - i, Invariant(baseValue + d1 * m) + "-" + Invariant(d2 * m) + big, false, false);
    }

    private static bool IsAscendingPair(string s, int i) =>
        i + 1 < s.Length
        && ChineseNumerals.Digit(s[i]) is > 0 and var a
        && ChineseNumerals.Digit(s[i + 1]) is > 0 and var b
        && a < b
        && s[i] != '两' && s[i + 1] != '两'
        && (i + 2 >= s.Length || ChineseNumerals.Digit(s[i + 2]) < 0);

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
