using System.Globalization;
using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>Chinese digits, units and the cardinal number grammar shared by every Chinese category.</summary>
internal static class ChineseNumerals
{
    private const long Wan = 10_000;
    private const long Yi = 100_000_000;
    private const long Zhao = 1_000_000_000_000;

    /// <summary>The value of a digit character (零…九, 〇, 幺, 两, formal 壹…玖), or -1.</summary>
    public static int Digit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '壹' or '幺' => 1,
        '二' or '贰' or '两' => 2,
        '三' or '叁' => 3,
        '四' or '肆' => 4,
        '五' or '伍' => 5,
        '六' or '陆' => 6,
        '七' or '柒' => 7,
        '八' or '捌' => 8,
        '九' or '玖' => 9,
        _ => -1,
    };

    /// <summary>A digit inside a digit string, where radio-style 洞 (0) and 拐 (7) are also read.</summary>
    public static int DigitInString(char c) => c switch { '洞' => 0, '拐' => 7, _ => Digit(c) };

    /// <summary>十, 百, 千 (and formal 拾佰仟) as 10, 100, 1000; otherwise 0.</summary>
    public static int SmallUnit(char c) => c switch
    {
        '十' or '拾' => 10,
        '百' or '佰' => 100,
        '千' or '仟' => 1000,
        _ => 0,
    };

    /// <summary>万, 亿, 兆 as powers of ten; otherwise 0.</summary>
    public static long BigUnit(char c) => c switch { '万' => Wan, '亿' => Yi, '兆' => Zhao, _ => 0 };

    /// <summary>Whether <paramref name="c"/> can be part of a spoken number.</summary>
    public static bool IsNumberChar(char c) => Digit(c) >= 0 || SmallUnit(c) > 0 || BigUnit(c) > 0;

    /// <summary>
    /// Parses the longest cardinal at <paramref name="start"/>: 一千零一, 两万, 一亿七万两千三百, 一百一 (110),
    /// 一万六 (16000). Returns null when no number starts there.
    /// </summary>
    public static ChineseNumber? ParseCardinal(string s, int start)
    {
        long total = 0;
        long lastBig = long.MaxValue;
        int j = start;
        int end = -1;
        bool afterZero = false;
        while (true)
        {
            var section = ParseSection(s, j);
            if (section is null)
            {
                break;
            }

            var (value, sectionEnd, lone, _) = section.Value;
            long big = sectionEnd < s.Length ? BigUnit(s[sectionEnd]) : 0;
            if (big > 0 && big < lastBig && value > 0)
            {
                total += value * big;
                lastBig = big;
                j = sectionEnd + 1;
                end = j;
                afterZero = j < s.Length && s[j] == '零' && j + 1 < s.Length && Digit(s[j + 1]) > 0;
                if (afterZero)
                {
                    j++;
                    continue;
                }

                if (big == Wan && j < s.Length && Digit(s[j]) > 0 && !ContinuesNumber(s, j + 1) && !BlocksAbbreviation(s, j + 1))
                {
                    total += Digit(s[j]) * 1000;
                    end = j + 1;
                    break;
                }

                continue;
            }

            if (end >= 0 && lone && !afterZero)
            {
                break;
            }

            total += value;
            end = sectionEnd;
            bool wholeIsLone = j == start && lone;
            return new ChineseNumber(start, end - start, total, Format(total), wholeIsLone);
        }

        return end < 0 ? null : new ChineseNumber(start, end - start, total, Format(total), false);
    }

    /// <summary>
    /// Parses a number below 10000 (一千零一, 十五, 两百二 = 220). Returns the value, the end index, whether it is a lone
    /// digit, and the place value of its last unit (10 for 三十, 100 for 三百, 1 otherwise).
    /// </summary>
    public static (int Value, int End, bool Lone, int LastUnit)? ParseSection(string s, int start)
    {
        int value = 0;
        int prevUnit = 10_000;
        int j = start;
        int validEnd = -1;
        bool afterZero = false;
        bool justUnit = false;
        bool any = false;
        while (j < s.Length)
        {
            char c = s[j];
            int d = Digit(c);
            if (d > 0)
            {
                int unit = j + 1 < s.Length ? SmallUnit(s[j + 1]) : 0;
                if (unit > 0 && unit < prevUnit)
                {
                    value += d * unit;
                    prevUnit = unit;
                    j += 2;
                    validEnd = j;
                    justUnit = true;
                    afterZero = false;
                    any = true;
                    continue;
                }

                if (!any)
                {
                    return (d, j + 1, true, 1);
                }

                if ((justUnit && prevUnit == 10) || afterZero)
                {
                    return (value + d, j + 1, false, 1);
                }

                if (justUnit && prevUnit >= 100 && !ContinuesNumber(s, j + 1) && !BlocksAbbreviation(s, j + 1))
                {
                    return (value + d * prevUnit / 10, j + 1, false, prevUnit / 10);
                }

                break;
            }

            if (d == 0)
            {
                if (!any)
                {
                    return (0, j + 1, true, 1);
                }

                if (!justUnit)
                {
                    break;
                }

                afterZero = true;
                justUnit = false;
                j++;
                continue;
            }

            if (SmallUnit(c) == 10 && prevUnit > 10 && (!any || afterZero))
            {
                value += 10;
                prevUnit = 10;
                j++;
                validEnd = j;
                justUnit = true;
                afterZero = false;
                any = true;
                continue;
            }

            break;
        }

        return validEnd < 0 ? null : (value, validEnd, false, prevUnit);
    }

    /// <summary>
    /// Parses a cardinal or decimal with an optional sign (负, 正负) and an optional 万/亿 after a decimal:
    /// 负三点一四 → -3.14, 二十点一万 → 20.1万.
    /// </summary>
    public static ChineseNumber? ParseNumber(string s, int start)
    {
        int j = start;
        string sign = "";
        if (s.AsSpan(j).StartsWith("正负"))
        {
            sign = "±";
            j += 2;
        }
        else if (j < s.Length && s[j] == '负')
        {
            sign = "-";
            j++;
        }

        var integer = ParseCardinal(s, j);
        if (integer is null)
        {
            return null;
        }

        var number = integer.Value;
        int end = number.End;
        if (end + 1 < s.Length && s[end] == '点' && Digit(s[end + 1]) >= 0 && BigUnit(s[number.End - 1]) == 0)
        {
            var fraction = new StringBuilder();
            int k = end + 1;
            while (k < s.Length && Digit(s[k]) >= 0)
            {
                fraction.Append((char)('0' + Digit(s[k])));
                k++;
            }

            if (k >= s.Length || SmallUnit(s[k]) == 0)
            {
                string written = number.Value.ToString(CultureInfo.InvariantCulture) + "." + fraction;
                if (k < s.Length && (s[k] == '万' || s[k] == '亿'))
                {
                    written += s[k];
                    k++;
                }

                return new ChineseNumber(start, k - start, number.Value, sign + written, false, IsDecimal: true);
            }
        }

        return sign.Length == 0 ? number : number with { Start = start, Length = end - start, Written = sign + number.Written };
    }

    /// <summary>Writes a value with 万/亿/兆 kept where WeTextProcessing keeps them: 100万1111, 1亿72300, 2000万.</summary>
    public static string Format(long value)
    {
        long zhao = value / Zhao;
        long yi = value / Yi % Wan;
        long wan = value / Wan % Wan;
        long rest = value % Wan;
        if (zhao == 0 && yi == 0 && wan < 100)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder();
        if (zhao > 0)
        {
            sb.Append(zhao).Append('兆');
        }

        if (yi > 0)
        {
            sb.Append(yi).Append('亿');
        }

        if (wan >= 100)
        {
            sb.Append(wan).Append('万');
            if (rest > 0)
            {
                sb.Append(rest);
            }
        }
        else if (wan * Wan + rest > 0)
        {
            sb.Append(wan * Wan + rest);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether a classifier at <paramref name="i"/> makes a trailing digit its own count rather than the abbreviated
    /// next place: 一百一人 is 110人, but 一百一个 is 100 and 一个 (as WeTextProcessing reads them).
    /// </summary>
    private static bool BlocksAbbreviation(string s, int i) => i < s.Length && "个位天周月年".Contains(s[i]);

    /// <summary>Whether a number continues at <paramref name="i"/> (a digit or a unit).</summary>
    public static bool ContinuesNumber(string s, int i) => i < s.Length && IsNumberChar(s[i]);
}
