using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Numbers read digit by digit: phone numbers (四零零八八八一二三四 → 4008881234, 幺三五…), extensions, staff, order
/// and ID numbers (…幺七X), and dotted addresses (幺二七点零点零点幺 → 127.0.0.1). Three digits or more. A run of
/// four digits or more whose last digit starts a spoken number (八零零八二零三三四四二十四小时) ends before that digit:
/// nobody reads a number digit by digit and then goes on into tens.
/// </summary>
internal static class DigitString
{
    private const int MinimumDigits = 3;
    private const int MinimumRunBeforeNumber = 4;

    public static TaggedMatch? Match(string s, int i)
    {
        var groups = new List<string>();
        int j = i;
        while (true)
        {
            var group = new StringBuilder();
            while (j < s.Length && (group.Length > 0 ? ChineseNumerals.DigitInString(s[j]) : ChineseNumerals.Digit(s[j])) is >= 0 and var d)
            {
                group.Append((char)('0' + d));
                j++;
            }

            if (group.Length == 0)
            {
                break;
            }

            groups.Add(group.ToString());
            if (j + 1 < s.Length && s[j] == '点' && ChineseNumerals.Digit(s[j + 1]) >= 0)
            {
                j++;
                continue;
            }

            break;
        }

        if (groups.Count == 0)
        {
            return null;
        }

        if (ChineseNumerals.ContinuesNumber(s, j))
        {
            return groups.Count == 1 && groups[0].Length > MinimumRunBeforeNumber
                ? new TaggedMatch(groups[0].Length - 1, groups[0][..^1], "digits")
                : null;
        }

        if (groups.Count >= 4 && groups.All(g => g.Length <= 3))
        {
            return new TaggedMatch(j - i, string.Join('.', groups), "digits");
        }

        string digits = groups[0];
        int end = i + digits.Length;
        if (digits.Length < MinimumDigits || ChineseNumerals.ContinuesNumber(s, end))
        {
            return null;
        }

        if (digits.Length == 17 && end < s.Length && s[end] is 'X' or 'x')
        {
            return new TaggedMatch(18, digits + s[end], "digits");
        }

        return new TaggedMatch(digits.Length, digits, "digits");
    }
}
