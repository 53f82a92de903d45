using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// Reads a clock time as written by a zh or en ITN (<c>上午9:00</c>, <c>下午6点半</c>, <c>晚上八点</c>, <c>早9点</c>,
/// <c>9:00 a.m.</c>, <c>5pm</c>, <c>17:30</c>, <c>noon</c>) or left in words by it (<c>nine</c>, <c>eight in the
/// morning</c>, <c>ten at night</c>, <c>seven o'clock</c>) and gives 24-hour <c>HH:MM</c>.
/// </summary>
internal static partial class ClockTimeNormalizer
{
    /// <summary>A parsed clock: 0–24 hour, minute, and the half of the day if the text said (am, pm, or null).</summary>
    internal readonly record struct Clock(int Hour, int Minute, bool? Pm)
    {
        public string To24Hour()
        {
            var hour = Pm switch
            {
                true when Hour < 12 => Hour + 12,
                false when Hour == 12 => 0,
                _ => Hour,
            };
            return $"{hour:D2}:{Minute:D2}";
        }
    }

    private static readonly string[] HourWords = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    [GeneratedRegex(@"^(?<part>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间|晚|早)?\s*(?:(?<hour>[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})|(?<word>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))\s*(?:[:：](?<min>[0-9]{2})|(?:点|时|時)(?:钟|整)?(?<zhmin>半|一刻|三刻|[0-9]{1,2}|[零〇一二三四五六七八九十]{1,3})?分?)?\s*(?:o'?clock)?\s*(?<mer>[AaPp])?\.?\s*(?:[Mm]\.?)?(?:\s+(?<enpart>in the morning|in the afternoon|in the evening|at night|tonight|(?:this|tomorrow|today) (?:morning|afternoon|evening)|sharp))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ClockPattern();

    /// <summary>The clock as <c>HH:MM</c>; an hour below <paramref name="pmBelow"/> said without a half of the day is afternoon.</summary>
    public static string? Normalize(string text, int pmBelow = 0) => Parse(text) is { } clock
        ? (clock.Pm is null && clock.Hour >= 1 && clock.Hour < pmBelow ? clock with { Pm = true } : clock).To24Hour()
        : null;

    public static Clock? Parse(string text)
    {
        var trimmed = text.Trim();
        switch (trimmed.ToLowerInvariant())
        {
            case "noon" or "中午12点" or "正午":
                return new Clock(12, 0, null);
            case "midnight" or "午夜":
                return new Clock(0, 0, null);
        }
        var match = ClockPattern().Match(trimmed);
        if (!match.Success)
        {
            return null;
        }
        var hour = match.Groups["word"].Success
            ? Array.IndexOf(HourWords, match.Groups["word"].Value.ToLowerInvariant()) + 1
            : ChineseNumber.Parse(match.Groups["hour"].Value);
        var minute = match.Groups["min"].Success
            ? int.Parse(match.Groups["min"].Value)
            : match.Groups["zhmin"].Value switch
            {
                "" => 0,
                "半" => 30,
                "一刻" => 15,
                "三刻" => 45,
                var m => ChineseNumber.Parse(m) ?? -1,
            };
        if (hour is null or > 24 || minute is < 0 or > 59)
        {
            return null;
        }
        var part = match.Groups["part"].Value;
        var spokenPart = match.Groups["enpart"].Value.ToLowerInvariant();
        if (spokenPart.EndsWith("morning", StringComparison.Ordinal))
        {
            part = "上午";
        }
        else if (spokenPart.Length > 0 && spokenPart != "sharp")
        {
            part = "晚上";
        }
        if (part is "晚上" or "夜里" or "夜间" or "晚" && hour == 12)
        {
            return new Clock(0, minute, null);
        }
        bool? pm = match.Groups["mer"].Success
            ? char.ToLowerInvariant(match.Groups["mer"].Value[0]) == 'p'
            : part switch
            {
                "" => null,
                "凌晨" or "早上" or "早晨" or "清晨" or "上午" or "早" => false,
                "中午" => hour is >= 1 and <= 5 ? true : null,
                _ => true,
            };
        return new Clock(hour.Value == 24 ? 0 : hour.Value, minute, pm);
    }
}
