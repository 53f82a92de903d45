using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// Reads weekdays and weekday ranges in zh and en (<c>周一到周五</c>, <c>星期六</c>, <c>工作日</c>,
/// <c>Monday to Friday</c>, <c>weekends</c>) as <c>Mon-Fri</c>, <c>Sat</c>, <c>Sat-Sun</c>, <c>Mon-Sun</c>. Days said one
/// after the other are a range when they are adjacent (<c>周六周日</c>, <c>Saturdays and Sundays</c> → <c>Sat-Sun</c>)
/// and a list otherwise (<c>周一和周三</c> → <c>Mon,Wed</c>).
/// </summary>
internal static partial class WeekdaysNormalizer
{
    private static readonly string[] Names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    [GeneratedRegex(@"(?:星期|周|礼拜)(?<zh>[一二三四五六日天1-7])|\b(?<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*", RegexOptions.IgnoreCase)]
    private static partial Regex Day();

    [GeneratedRegex(@"到|至|~|～|—|－|–|-|\bto\b|\bthrough\b|\bthru\b|\btill\b|\buntil\b", RegexOptions.IgnoreCase)]
    private static partial Regex RangeWord();

    public static string? Normalize(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        switch (lower)
        {
            case "工作日" or "weekdays" or "weekday":
                return "Mon-Fri";
            case "周末" or "双休日" or "weekend" or "weekends":
                return "Sat-Sun";
            case "每天" or "天天" or "全年无休" or "daily" or "every day" or "everyday" or "7 days a week" or "seven days a week":
                return "Mon-Sun";
            case "节假日":
                return "Holidays";
        }
        var days = Day().Matches(text).Select(DayIndex).Where(d => d >= 0).ToList();
        return days.Count switch
        {
            0 => null,
            1 => Names[days[0]],
            2 when RangeWord().IsMatch(text) || days[1] == days[0] + 1 => $"{Names[days[0]]}-{Names[days[1]]}",
            _ => string.Join(',', days.Select(d => Names[d])),
        };
    }

    private static int DayIndex(Match match)
    {
        if (match.Groups["en"].Success)
        {
            return Array.FindIndex(Names, n => n.Equals(match.Groups["en"].Value, StringComparison.OrdinalIgnoreCase));
        }
        return match.Groups["zh"].Value[0] switch
        {
            '日' or '天' or '7' => 6,
            var c when char.IsAsciiDigit(c) => c - '1',
            var c => "一二三四五六".IndexOf(c),
        };
    }
}
