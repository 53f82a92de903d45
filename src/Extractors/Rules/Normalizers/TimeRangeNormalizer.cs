using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// Reads a range of two clock times (<c>上午9:00到下午6:00</c>, <c>9点到18点</c>, <c>9 to 5:30 p.m.</c>). When only
/// the end says am/pm, the start takes the same half of the day unless that would put it after the end
/// (<c>9 to 5 p.m.</c> is 09:00-17:00); a zh start's daypart carries to a bare end (<c>下午2点到5点</c>), a bare
/// end not after a bare start is afternoon (<c>8:30到5:30</c>, <c>nine to nine</c>), and a range of bare hours that
/// starts before 7 is all afternoon (<c>between one and three</c> is 13:00-15:00). Opening and closing said apart (<c>早上9点开门晚上9:30关门</c>,
/// <c>opens at 8 a.m. and closes at 6 p.m.</c>) read as the range of the two clocks.
/// </summary>
internal static partial class TimeRangeNormalizer
{
    [GeneratedRegex(@"\s*(?:到|至|~|～|—|－|–|-|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b)\s*")]
    private static partial Regex Connector();

    [GeneratedRegex(@"就?(?:开始营业|结束营业|停止营业|开门|关门|营业|打烊|上班|下班|开放)的?|[，,]|\b(?:and|we|we're|they|it|(?:re)?opens?|closes?|opening|closing|is|are|at(?! night))\b", RegexOptions.IgnoreCase)]
    private static partial Regex OpenCloseWords();

    [GeneratedRegex(@"^朝(?<start>[一二三四五六七八九十]{1,2})晚(?<end>[一二三四五六七八九十]{1,2})$")]
    private static partial Regex MorningToEvening();

    public static TimeRange? Normalize(string text)
    {
        if (MorningToEvening().Match(text.Trim()) is { Success: true } idiom)
        {
            // 朝九晚五: from nine in the morning to five in the evening.
            return ClockTimeNormalizer.Parse("上午" + idiom.Groups["start"].Value + "点") is { } morning && ClockTimeNormalizer.Parse("晚上" + idiom.Groups["end"].Value + "点") is { } evening
                ? new TimeRange(morning.To24Hour(), evening.To24Hour())
                : null;
        }
        foreach (Match connector in Connector().Matches(text))
        {
            var start = ClockTimeNormalizer.Parse(text[..connector.Index]);
            var end = ClockTimeNormalizer.Parse(text[(connector.Index + connector.Length)..]);
            if (start is { } s && end is { } e)
            {
                return Resolve(s, e);
            }
        }
        var clocks = OpenCloseWords().Split(text).Select(part => part.Trim()).Where(part => part.Length > 0)
            .Select(ClockTimeNormalizer.Parse).ToList();
        return clocks is [{ } opens, { } closes] ? Resolve(opens, closes) : null;
    }

    private static TimeRange Resolve(ClockTimeNormalizer.Clock start, ClockTimeNormalizer.Clock end)
    {
        if (start.Pm is null && end.Pm is { } endPm)
        {
            var inherited = start with { Pm = endPm };
            start = string.CompareOrdinal(inherited.To24Hour(), end.To24Hour()) < 0 ? inherited : start with { Pm = false };
        }
        else if (end.Pm is null && start.Pm is true && end.Hour < 12)
        {
            var inherited = end with { Pm = true };
            if (string.CompareOrdinal(start.To24Hour(), inherited.To24Hour()) <= 0)
            {
                end = inherited;
            }
        }
        else if (start.Pm is null && end.Pm is null && start.Hour is >= 1 and < 7 && end.Hour > start.Hour && end.Hour < 12)
        {
            (start, end) = (start with { Pm = true }, end with { Pm = true });
        }
        else if (start.Pm is null && end.Pm is null && end.Hour is >= 1 and < 12 && end.Hour <= start.Hour)
        {
            end = end with { Pm = true };
        }
        return new TimeRange(start.To24Hour(), end.To24Hour());
    }
}
