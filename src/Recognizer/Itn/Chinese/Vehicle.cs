using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>Licence plates (鄂a七l六二u → 鄂a7l62u) and train numbers (高一二 → G12, 动二三 → D23).</summary>
internal static class Vehicle
{
    private const string Provinces = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
    private static readonly Dictionary<char, char> TrainClasses = new() { ['高'] = 'G', ['动'] = 'D', ['特'] = 'T', ['快'] = 'K', ['直'] = 'Z' };

    public static TaggedMatch? Match(string s, int i) => Plate(s, i) ?? Train(s, i);

    private static TaggedMatch? Plate(string s, int i)
    {
        if (i + 2 >= s.Length || !Provinces.Contains(s[i]) || !char.IsAsciiLetter(s[i + 1]))
        {
            return null;
        }

        var sb = new StringBuilder().Append(s[i]).Append(s[i + 1]);
        int j = i + 2;
        while (j < s.Length && sb.Length < 8 && (char.IsAsciiLetterOrDigit(s[j]) || ChineseNumerals.Digit(s[j]) >= 0))
        {
            sb.Append(char.IsAsciiLetterOrDigit(s[j]) ? s[j] : (char)('0' + ChineseNumerals.Digit(s[j])));
            j++;
        }

        return sb.Length is 7 or 8 ? new TaggedMatch(j - i, sb.ToString(), "vehicle") : null;
    }

    private static TaggedMatch? Train(string s, int i)
    {
        if (i + 2 >= s.Length || !TrainClasses.TryGetValue(s[i], out char letter))
        {
            return null;
        }

        var sb = new StringBuilder().Append(letter);
        int j = i + 1;
        while (j < s.Length && ChineseNumerals.Digit(s[j]) is >= 0 and var d)
        {
            sb.Append(d);
            j++;
        }

        return sb.Length is >= 3 and <= 5 && !ChineseNumerals.ContinuesNumber(s, j) ? new TaggedMatch(j - i, sb.ToString(), "vehicle") : null;
    }
}
