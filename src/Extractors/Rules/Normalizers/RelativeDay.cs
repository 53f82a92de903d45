using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// A day said relative to the call (今天, 明天, 后天, 下周一, 这周五, 周五; today, tomorrow, the day after tomorrow,
/// next Monday, this Friday, Friday). With the call's date it is an ISO date; without, a relative form (<c>today+1</c>,
/// <c>next Mon</c>, <c>this Fri</c>, <c>Fri</c>). "Next" names a day of the following week (Monday-based, as 下周 does);
/// a bare weekday is its next occurrence from the call's day on.
/// </summary>
internal static partial class RelativeDay
{
    private static readonly Dictionary<string, int> Offsets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["今天"] = 0, ["今日"] = 0, ["今早"] = 0, ["今晚"] = 0, ["明天"] = 1, ["明日"] = 1, ["明早"] = 1, ["明晚"] = 1, ["后天"] = 2, ["大后天"] = 3, ["昨天"] = -1, ["前天"] = -2,
        ["today"] = 0, ["tonight"] = 0, ["this morning"] = 0, ["this afternoon"] = 0, ["this evening"] = 0, ["tomorrow"] = 1, ["the day after tomorrow"] = 2, ["day after tomorrow"] = 2, ["yesterday"] = -1,
    };

    private static readonly string[] Names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    [GeneratedRegex(@"^(?:(?<next>下个?)|(?<this>这个?|本))?(?:周|星期|礼拜)(?<zh>[一二三四五六日天])$|^(?:(?<next>next(?: week)?)|(?<this>this))?\s*(?:on\s+)?(?<en>mon|tue|wed|thu|fri|sat|sun)[a-z]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    public static string? Normalize(string text, DateOnly? callDate)
    {
        var trimmed = text.Trim();
        if (Offsets.TryGetValue(trimmed, out var offset))
        {
            return callDate is { } day ? Iso(day.AddDays(offset)) : offset == 0 ? "today" : $"today{offset:+0;-0}";
        }
        var match = Weekday().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }
        var weekday = match.Groups["zh"].Success
            ? "一二三四五六日天".IndexOf(match.Groups["zh"].Value[0]) is var z && z == 7 ? 6 : z
            : Array.FindIndex(Names, n => n.Equals(match.Groups["en"].Value, StringComparison.OrdinalIgnoreCase));
        var relation = match.Groups["next"].Success ? "next " : match.Groups["this"].Success ? "this " : "";
        if (callDate is not { } call)
        {
            return relation + Names[weekday];
        }
        var today = ((int)call.DayOfWeek + 6) % 7;
        var days = relation switch
        {
            "next " => 7 - today + weekday,
            "this " => weekday - today,
            _ => (weekday - today + 7) % 7,
        };
        return Iso(call.AddDays(days));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
