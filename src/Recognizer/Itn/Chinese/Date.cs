using System.Text;

namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Dates: a year read digit by digit (二零二五年), a month (一…十二月) and a day (一…三十一日/号), in any prefix of
/// that order. Written 2025年1月3日 (<see cref="ItnDateStyle.Chinese"/>) or 2025/01/03 (<see cref="ItnDateStyle.Slash"/>).
/// A year said as a number (两千零五年) is a number with the unit 年, not a date year.
/// </summary>
internal sealed class Date(ItnOptions options)
{
    public TaggedMatch? Match(string s, int i)
    {
        int j = i;
        var year = new StringBuilder();
        while (j < s.Length && ChineseNumerals.Digit(s[j]) is >= 0 and var d && s[j] != '两')
        {
            year.Append((char)('0' + d));
            j++;
        }

        if (year.Length is >= 2 and <= 4 && j < s.Length && s[j] == '年')
        {
            j++;
        }
        else
        {
            year.Clear();
            j = i;
        }

        var month = Part(s, j, 12, "月");
        if (month is { } m)
        {
            j = m.End + 1;
        }

        var day = month is null ? null : Part(s, j, 31, "日号");
        if (day is { } dd)
        {
            j = dd.End + 1;
        }

        if (year.Length == 0 && month is null)
        {
            return null;
        }

        return new TaggedMatch(j - i, Write(year.ToString(), month?.Value, day?.Value), "date");
    }

    private string Write(string year, int? month, int? day)
    {
        if (options.DateStyle == ItnDateStyle.Slash && month is not null)
        {
            var parts = new List<string>();
            if (year.Length > 0)
            {
                parts.Add(year);
            }

            parts.Add($"{month:00}");
            if (day is not null)
            {
                parts.Add($"{day:00}");
            }

            return string.Join('/', parts);
        }

        var sb = new StringBuilder();
        if (year.Length > 0)
        {
            sb.Append(year).Append('年');
        }

        if (month is not null)
        {
            sb.Append(month).Append('月');
        }

        if (day is not null)
        {
            sb.Append(day).Append('日');
        }

        return sb.ToString();
    }

    private static (int Value, int End)? Part(string s, int start, int max, string markers)
    {
        if (ChineseNumerals.ParseSection(s, start) is not { } section || section.Value < 1 || section.Value > max)
        {
            return null;
        }

        return section.End < s.Length && markers.Contains(s[section.End]) ? (section.Value, section.End) : null;
    }
}
