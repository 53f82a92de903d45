namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Clock times: "nine a m" → 9:00 a.m., "five thirty p m" → 5:30 p.m., "three o'clock" → 3:00, "quarter to one" →
/// 12:45, "ten past four" → 4:10, "eight o six" → 8:06 (a bare hour and minutes only for hours one…nine, because
/// "eleven fifty five" is more often the year 1155, unless "at", "by", "until"… comes before it: "at eleven thirty"
/// → 11:30). Hours are zero-padded with <see cref="ItnOptions.PadHours"/>.
/// A bare count before "to" is a number of minutes only when it is one people say that way (five, ten, twenty,
/// twenty five) and the words around do not make it a range: "from eight to four", "our hours are ten to six",
/// "five to seven business days" stay ranges.
/// </summary>
internal sealed class Time(ItnOptions options)
{
    private static readonly HashSet<int> MinutesSaidBeforeTheHour = [5, 10, 20, 25];
    private static readonly HashSet<string> RangeOpeners = ["from", "between", "are", "open", "opens", "hours", "weekdays", "take", "takes", "about", "roughly", "and"];
    private static readonly HashSet<string> CountedNouns = ["days", "business", "working", "weeks", "hours", "minutes", "months", "years", "times", "people"];

    public EnglishMatch? Match(Token[] t, int i) => Relative(t, i) ?? Absolute(t, i);

    // quarter past one, half past three, twenty five past three, quarter to one, ten till four pm, one min to one am.
    private EnglishMatch? Relative(Token[] t, int i)
    {
        int j = i;
        int minutes;
        if (t[j].Lower == "quarter")
        {
            minutes = 15;
            j++;
        }
        else if (t[j].Lower == "half")
        {
            minutes = 30;
            j++;
        }
        else if (NumberWords.Cardinal(t, j) is { Value: > 0 and < 60 } count)
        {
            minutes = (int)count.Value;
            j += count.Count;
            if (j < t.Length && t[j].Lower is "min" or "mins" or "minute" or "minutes")
            {
                j++;
            }
        }
        else
        {
            return null;
        }

        if (j + 1 >= t.Length || t[j].Lower is not ("past" or "to" or "till") || Hour(t[j + 1].Lower) is not { } hour)
        {
            return null;
        }

        bool before = t[j].Lower != "past";
        if (before && t[j].Lower == "to" && minutes == 30)
        {
            return null;
        }

        bool bareCount = t[i].Lower is not ("quarter" or "half") && t[j - 1].Lower is not ("min" or "mins" or "minute" or "minutes");
        if (before && bareCount && (!MinutesSaidBeforeTheHour.Contains(minutes) || (i > 0 && RangeOpeners.Contains(t[i - 1].Lower))
                || (j + 2 < t.Length && CountedNouns.Contains(t[j + 2].Lower))))
        {
            return null;
        }

        j += 2;
        int h = before ? (hour + 11) % 12 + 1 - (hour == 1 ? 0 : 0) : hour;
        if (before)
        {
            h = hour == 1 ? 12 : hour - 1;
            minutes = 60 - minutes;
        }

        string suffix = Suffix(t, ref j);
        return new EnglishMatch(j - i, Clock(h, minutes) + suffix, "time");
    }

    private EnglishMatch? Absolute(Token[] t, int i)
    {
        if (Hour(t[i].Lower) is not { } hour)
        {
            return null;
        }

        int j = i + 1;
        int? minutes = null;
        bool oclock = false;
        if (j < t.Length && t[j].Lower is "oclock" or "o'clock")
        {
            oclock = true;
            j++;
        }
        else if (j + 1 < t.Length && t[j].Lower is "o" or "o'" && t[j + 1].Lower == "clock")
        {
            oclock = true;
            j += 2;
        }
        else if (j + 1 < t.Length && t[j].Lower is "o" or "oh" && NumberWords.Digit(t[j + 1].Lower) is > 0 and var d)
        {
            minutes = d;
            j += 2;
        }
        else if (j < t.Length && NumberWords.Cardinal(t, j) is { Value: >= 10 and < 60, Count: <= 2 } m)
        {
            minutes = (int)m.Value;
            j += m.Count;
        }

        string suffix = Suffix(t, ref j);
        bool afterTimePreposition = i > 0 && t[i - 1].Lower is "at" or "by" or "around" or "until" or "till" or "before" or "after";
        if (suffix.Length == 0 && !oclock && (minutes is null || (hour > 9 && !afterTimePreposition)))
        {
            return null;
        }

        return new EnglishMatch(j - i, Clock(hour, minutes ?? 0) + suffix, "time");
    }

    private string Clock(int hour, int minutes) => (options.PadHours ? hour.ToString("00") : hour.ToString()) + ":" + minutes.ToString("00");

    private static int? Hour(string word) => NumberWords.Unit(word) is >= 1 and <= 12 and var h ? h : null;

    // " a.m." / " p.m." and a time zone spelled out ("e s t" → " est").
    private static string Suffix(Token[] t, ref int j)
    {
        string suffix = "";
        if (j + 1 < t.Length && t[j].Lower is "a" or "p" && t[j + 1].Lower == "m")
        {
            suffix = " " + t[j].Lower + ".m.";
            j += 2;
        }
        else if (j < t.Length && t[j].Lower is "am" or "pm" or "a.m." or "p.m.")
        {
            suffix = " " + t[j].Lower[0] + ".m.";
            j++;
        }

        int letters = 0;
        while (j + letters < t.Length && letters < 3 && t[j + letters].Lower.Length == 1 && char.IsAsciiLetter(t[j + letters].Lower[0]))
        {
            letters++;
        }

        if (letters == 3)
        {
            suffix += " " + string.Concat(t.Skip(j).Take(3).Select(x => x.Lower));
            j += 3;
        }

        return suffix;
    }
}
