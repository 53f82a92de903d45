namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Dates and years: "july twenty fifth twenty twelve" → july 25 2012, "the fifteenth of january" → 15 january,
/// "nineteen ninety four" → 1994, "october nineteen oh five" → october 1905, "nineteen eighties" → 1980s.
/// Month names keep the case they were said in.
/// </summary>
internal static class Date
{
    private static readonly HashSet<string> Months =
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ];

    private static readonly (string[] Words, string Written)[] Eras =
    [
        (["b", "c", "e"], "BCE"), (["b", "c"], "BC"), (["c", "e"], "CE"), (["a", "d"], "AD"),
    ];

    private static readonly string[] Parts = ["first", "second", "third", "fourth"];

    public static EnglishMatch? Match(Token[] t, int i) =>
        YearWithEra(t, i) ?? PartOfYear(t, i) ?? DayOfMonth(t, i) ?? MonthFirst(t, i) ?? YearAlone(t, i);

    // seven fifty b c → 750BC, nineteen hundred a d → 1900AD
    private static EnglishMatch? YearWithEra(Token[] t, int i)
    {
        (string Written, int End)? year = Year(t, i);
        if (year is null && i + 1 < t.Length && NumberWords.Unit(t[i].Lower) is >= 1 and <= 9 and var head
            && NumberWords.Cardinal(t, i + 1) is { Value: >= 10 and < 100, Count: <= 2 } rest)
        {
            year = ((head * 100 + (int)rest.Value).ToString(), i + 1 + rest.Count);
        }

        year ??= i < t.Length && NumberWords.Cardinal(t, i) is { Value: >= 1 and < 10000 } c ? (c.Value.ToString(), i + c.Count) : null;
        if (year is not { } y)
        {
            return null;
        }

        foreach (var (words, written) in Eras)
        {
            if (y.End + words.Length <= t.Length && words.Select((w, k) => t[y.End + k].Lower == w).All(same => same))
            {
                return new EnglishMatch(y.End + words.Length - i, y.Written + written, "date");
            }
        }

        return null;
    }

    // second quarter of twenty twenty two → Q2 2022, first half of twenty twenty → H1 2020
    private static EnglishMatch? PartOfYear(Token[] t, int i)
    {
        int part = Array.IndexOf(Parts, t[i].Lower) + 1;
        if (part == 0 || i + 3 >= t.Length || t[i + 2].Lower != "of"
            || (t[i + 1].Lower, part) is not (("quarter", _) or ("half", <= 2))
            || Year(t, i + 3) is not { } year)
        {
            return null;
        }

        return new EnglishMatch(year.End - i, $"{(t[i + 1].Lower == "quarter" ? 'Q' : 'H')}{part} {year.Written}", "date");
    }

    // the twenty fifth of july twenty twelve → 25 july 2012
    private static EnglishMatch? DayOfMonth(Token[] t, int i)
    {
        if (t[i].Lower != "the" || Day(t, i + 1) is not { } day || day.End + 1 >= t.Length
            || t[day.End].Lower != "of" || !Months.Contains(t[day.End + 1].Lower))
        {
            return null;
        }

        int j = day.End + 2;
        string written = day.Value + " " + t[j - 1].Text;
        if (Year(t, j) is { } year)
        {
            written += " " + year.Written;
            j = year.End;
        }

        return new EnglishMatch(j - i, written, "date");
    }

    // july twenty fifth [twenty twelve], july two thousand twelve, june thirty
    private static EnglishMatch? MonthFirst(Token[] t, int i)
    {
        if (!Months.Contains(t[i].Lower) || (t[i].Lower == "may" && t[i].Text != "May" && i + 1 < t.Length && NumberWords.Unit(t[i + 1].Lower) < 0 && NumberWords.Ten(t[i + 1].Lower) < 0 && !t[i + 1].Lower.EndsWith("th") && t[i + 1].Lower is not ("first" or "second" or "third")))
        {
            return null;
        }

        int j = i + 1;
        string written = t[i].Text;
        var year = Year(t, j);
        var day = Day(t, j);
        if (day is { } d && (year is null || d.End < year.Value.End && Year(t, d.End) is not null || year.Value.End <= d.End))
        {
            written += " " + d.Value;
            j = d.End;
            year = Year(t, j);
        }

        if (year is { } y)
        {
            written += " " + y.Written;
            j = y.End;
        }

        return j == i + 1 ? null : new EnglishMatch(j - i, written, "date");
    }

    // nineteen seventeen → 1917, nineteen eighties → 1980s, two thousands → 2000s
    private static EnglishMatch? YearAlone(Token[] t, int i)
    {
        if (i + 1 < t.Length && t[i + 1].Lower is "hundreds" or "thousands" && NumberWords.Unit(t[i].Lower) is >= 1 or -1)
        {
            int head = NumberWords.Unit(t[i].Lower) is > 0 and var u ? u : NumberWords.Ten(t[i].Lower);
            if (head > 0)
            {
                return new EnglishMatch(2, (t[i + 1].Lower == "hundreds" ? head * 100 : head * 1000) + "s", "date");
            }
        }

        if (Century(t[i].Lower) is { } century && i + 1 < t.Length && t[i + 1].Lower.EndsWith("ies")
            && NumberWords.Ten(t[i + 1].Lower[..^3] + "y") is > 0 and var decade)
        {
            return new EnglishMatch(2, $"{century * 100 + decade}s", "date");
        }

        // "at eleven thirty" is a clock time (Time), not the year 1130.
        if (i > 0 && t[i - 1].Lower == "at" && NumberWords.Unit(t[i].Lower) is >= 10 and <= 12)
        {
            return null;
        }

        return PairYear(t, i) is { } year ? new EnglishMatch(year.End - i, year.Written, "date") : null;
    }

    private static (int Value, int End)? Day(Token[] t, int i)
    {
        for (int n = 2; n >= 1; n--)
        {
            if (i + n <= t.Length && Ordinal.Parse(t, i, n) is { } ordinal && ordinal is >= 1 and <= 31)
            {
                return ((int)ordinal, i + n);
            }
        }

        return i < t.Length && NumberWords.Cardinal(t, i) is { Value: >= 1 and <= 31 } c && Year(t, i) is null or { End: > 0 } ? ((int)c.Value, i + c.Count) : null;
    }

    /// <summary>A year said in pairs ("twenty twelve") or as a number ("two thousand twelve").</summary>
    private static (string Written, int End)? Year(Token[] t, int i)
    {
        if (PairYear(t, i) is { } pair)
        {
            return pair;
        }

        return i < t.Length && NumberWords.Cardinal(t, i) is { Value: >= 1000 and < 2100 } c ? (c.Value.ToString(), i + c.Count) : null;
    }

    private static (string Written, int End)? PairYear(Token[] t, int i)
    {
        if (i + 1 >= t.Length || Century(t[i].Lower) is not { } century)
        {
            return null;
        }

        string next = t[i + 1].Lower;
        if (next == "hundred")
        {
            return ((century * 100).ToString(), i + 2);
        }

        if (next is "oh" or "o" && i + 2 < t.Length && NumberWords.Digit(t[i + 2].Lower) is > 0 and var d)
        {
            return ((century * 100 + d).ToString(), i + 3);
        }

        if (NumberWords.Cardinal(t, i + 1) is { Value: >= 10 and < 100, Count: <= 2 } rest)
        {
            return ((century * 100 + (int)rest.Value).ToString(), i + 1 + rest.Count);
        }

        return null;
    }

    // The first half of a year said in pairs: eleven … nineteen, twenty … ninety nine (one word only).
    private static int? Century(string word) =>
        NumberWords.Unit(word) is >= 11 and <= 19 and var teen ? teen
        : NumberWords.Ten(word) is > 0 and var ten ? ten
        : null;
}
