namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Clock times: [上午|下午|晚上…] 时 点 [分 | 半 | 一刻/三刻] [秒]. A minute under ten must be read with 零 (八点零五分);
/// without 分 it needs a period word first, otherwise 八点零五 is the decimal 8.05 (as WeTextProcessing decides).
/// 一点 alone is "a bit" unless a period word or the 0-to-9 switch says otherwise.
/// </summary>
internal sealed class Time(ItnOptions options)
{
    private static readonly string[] MorningWords = ["上午", "早上", "早晨", "凌晨", "清晨"];
    private static readonly string[] EveningWords = ["下午", "晚上", "傍晚", "夜里"];

    public TaggedMatch? Match(string s, int i)
    {
        int j = i;
        string period = "";
        bool evening = false;
        foreach (string word in MorningWords.Concat(EveningWords))
        {
            if (s.AsSpan(i).StartsWith(word))
            {
                period = word;
                evening = EveningWords.Contains(word);
                j += word.Length;
                break;
            }
        }

        if (ChineseNumerals.ParseSection(s, j) is not { } hour || hour.Value > 24 || hour.End >= s.Length || s[hour.End] != '点')
        {
            return null;
        }

        j = hour.End + 1;
        int? minute = null;
        int? second = null;
        bool explicitMinute = false;
        if (j < s.Length && s[j] == '半')
        {
            minute = 30;
            j++;
        }
        else if (s.AsSpan(j).StartsWith("一刻") || s.AsSpan(j).StartsWith("三刻"))
        {
            minute = s[j] == '一' ? 15 : 45;
            j += 2;
        }
        else if (Minute(s, j) is { } m)
        {
            explicitMinute = m.End < s.Length && s[m.End] == '分' && !s.AsSpan(m.End).StartsWith("分钟") && !s.AsSpan(m.End).StartsWith("分之");
            if (!explicitMinute && m.ReadWithZero && period.Length == 0)
            {
                return null;
            }

            minute = m.Value;
            j = explicitMinute ? m.End + 1 : m.End;
            if (explicitMinute && ChineseNumerals.ParseSection(s, j) is { Value: < 60 } sec && sec.End < s.Length && s[sec.End] == '秒')
            {
                second = sec.Value;
                j = sec.End + 1;
            }
        }
        else if (ChineseNumerals.ContinuesNumber(s, j) || (hour.Value == 1 && hour.Lone && period.Length == 0 && !options.EnableZeroToNine))
        {
            return null;
        }

        return new TaggedMatch(j - i, Write(period, evening, hour.Value, minute, second), "time");
    }

    private string Write(string period, bool evening, int hour, int? minute, int? second)
    {
        if (options.TimeStyle == ItnTimeStyle.TwentyFourHour)
        {
            int h = period.Length == 0 ? hour : evening ? (hour < 12 ? hour + 12 : hour) : (hour == 12 ? 0 : hour);
            return $"{h:00}:{minute ?? 0:00}" + (second is { } sec ? $":{sec:00}" : "");
        }

        if (minute is null)
        {
            return period + hour + "点";
        }

        string clock = (hour == 0 ? "00" : hour.ToString()) + $":{minute:00}" + (second is { } s ? $":{s:00}" : "");
        if (options.TimeStyle == ItnTimeStyle.PeriodSuffix && period.Length > 0)
        {
            return clock + (evening ? "p.m." : "a.m.");
        }

        return period + clock;
    }

    // 零五 → 5 (read with zero), 三十 / 十 / 五十九 → 30, 10, 59; a bare 五 is not a minute.
    private static (int Value, int End, bool ReadWithZero)? Minute(string s, int j)
    {
        if (j + 1 < s.Length && s[j] == '零' && ChineseNumerals.Digit(s[j + 1]) is > 0 and var d && !ChineseNumerals.ContinuesNumber(s, j + 2))
        {
            return (d, j + 2, true);
        }

        if (ChineseNumerals.ParseSection(s, j) is { Lone: false } section && section.Value is >= 10 and < 60 && !ChineseNumerals.ContinuesNumber(s, section.End))
        {
            return (section.Value, section.End, false);
        }

        return null;
    }
}
