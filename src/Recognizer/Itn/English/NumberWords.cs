using System.Text;

namespace FunAsr.Recognizer.Itn.English;

/// <summary>English number words and the cardinal, decimal and digit-run grammars shared by the categories.</summary>
internal static class NumberWords
{
    private static readonly string[] Ones =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly Dictionary<string, decimal> Scales = new()
    {
        ["thousand"] = Pow10(3),
        ["million"] = Pow10(6),
        ["billion"] = Pow10(9),
        ["trillion"] = Pow10(12),
        ["quadrillion"] = Pow10(15),
        ["quintillion"] = Pow10(18),
        ["sextillion"] = Pow10(21),
        ["lakh"] = Pow10(5),
        ["crore"] = Pow10(7),
    };

    /// <summary>Scales written as words after a short number: "five point two million" → 5.2 million.</summary>
    public static readonly HashSet<string> KeptScales = ["thousand", "million", "billion", "trillion"];

    private static decimal Pow10(int exponent) => (decimal)Math.Pow(10, exponent);

    /// <summary>0…19 for zero…nineteen, or -1.</summary>
    public static int Unit(string word) => Array.IndexOf(Ones, word);

    /// <summary>20…90 for twenty…ninety, or -1.</summary>
    public static int Ten(string word) => Array.IndexOf(Tens, word) is > 1 and var i ? i * 10 : -1;

    /// <summary>A digit as read in a digit run: zero, oh, o, one…nine; or -1.</summary>
    public static int Digit(string word) => word is "oh" or "o" ? 0 : Unit(word) is >= 0 and <= 9 and var d ? d : -1;

    /// <summary>
    /// The longest cardinal at token <paramref name="i"/>: "two hundred and fifty four", "eleven hundred twenty one",
    /// "minus sixty". Returns the token count, the value, and the written form (a trailing big scale after a number
    /// under a thousand stays a word: "four hundred million" → "400 million").
    /// </summary>
    public static (int Count, decimal Value, string Written)? Cardinal(Token[] t, int i)
    {
        int j = i;
        string sign = "";
        if (j < t.Length && t[j].Lower is "minus" or "negative")
        {
            sign = "-";
            j++;
        }

        decimal total = 0;
        decimal current = 0;
        decimal lastScale = decimal.MaxValue;
        string previous = "start";
        int end = -1;
        decimal valueAtEnd = 0;
        string? keptScale = null;
        decimal keptMultiplier = 0;
        for (; j < t.Length; j++)
        {
            string w = t[j].Lower;
            if (Unit(w) is >= 0 and var u)
            {
                if (previous is "unit" or "teen" || (u >= 10 && previous == "ten") || (u == 0 && previous != "start"))
                {
                    break;
                }

                current += u;
                previous = u >= 10 ? "teen" : "unit";
            }
            else if (Ten(w) is > 0 and var ten)
            {
                if (previous is "unit" or "teen" or "ten")
                {
                    break;
                }

                current += ten;
                previous = "ten";
            }
            else if (w == "hundred")
            {
                if (previous is "start" or "hundred" or "scale" || current % 100 == 0 && current >= 100)
                {
                    break;
                }

                current *= 100;
                previous = "hundred";
            }
            else if (Scales.TryGetValue(w, out var scale))
            {
                if (previous is "start" or "scale" || scale >= lastScale || current == 0)
                {
                    break;
                }

                total += current * scale;
                if (KeptScales.Contains(w) && scale >= 1_000_000 && current < 1000 && total == current * scale)
                {
                    keptScale = t[j].Text;
                    keptMultiplier = current;
                }

                current = 0;
                lastScale = scale;
                previous = "scale";
            }
            else if (w == "and" && previous is "hundred" or "scale" && j + 1 < t.Length && (Unit(t[j + 1].Lower) > 0 || Ten(t[j + 1].Lower) > 0))
            {
                continue;
            }
            else
            {
                break;
            }

            end = j + 1;
            valueAtEnd = total + current;
        }

        if (end < 0)
        {
            return null;
        }

        string written = keptScale is not null && valueAtEnd == keptMultiplier * Scales[keptScale.ToLowerInvariant()]
            ? $"{keptMultiplier} {keptScale}"
            : valueAtEnd.ToString();
        return (end - i, sign == "-" ? -valueAtEnd : valueAtEnd, sign + written);
    }

    /// <summary>
    /// A decimal at token <paramref name="i"/>: "eighteen point o five" → 18.05, "point two" → .2,
    /// "one point four five three billion" → 1.453 billion. Returns null when there is no "point".
    /// </summary>
    public static (int Count, string Written)? Decimal(Token[] t, int i)
    {
        int j = i;
        string sign = "";
        if (j < t.Length && t[j].Lower is "minus" or "negative")
        {
            sign = "-";
            j++;
        }

        string integer = "";
        if (Cardinal(t, j) is { } whole && !whole.Written.Contains(' '))
        {
            integer = whole.Written;
            j += whole.Count;
        }

        if (j + 1 >= t.Length || t[j].Lower != "point" || Digit(t[j + 1].Lower) < 0)
        {
            return null;
        }

        j++;
        var fraction = new StringBuilder();
        while (j < t.Length && Digit(t[j].Lower) is >= 0 and var d)
        {
            fraction.Append(d);
            j++;
        }

        string written = sign + integer + "." + fraction;
        if (j < t.Length && KeptScales.Contains(t[j].Lower))
        {
            written += " " + t[j].Text;
            j++;
        }

        return (j - i, written);
    }

    /// <summary>A cardinal or a decimal, whichever is longer.</summary>
    public static (int Count, string Written, bool IsSmall)? Amount(Token[] t, int i)
    {
        var dec = Decimal(t, i);
        var card = Cardinal(t, i);
        if (dec is { } d && (card is null || d.Count >= card.Value.Count))
        {
            return (d.Count, d.Written, false);
        }

        return card is { } c ? (c.Count, c.Written, c.Count == 1 && c.Value <= 12 && c.Value >= 0) : null;
    }

    /// <summary>
    /// A run of digits read one by one, with "double"/"triple" and "oh": "double oh three" → 003. Returns the token
    /// count and the digits.
    /// </summary>
    public static (int Count, string Digits)? DigitRun(Token[] t, int i)
    {
        var digits = new StringBuilder();
        int j = i;
        while (j < t.Length)
        {
            int repeat = t[j].Lower switch { "double" => 2, "triple" => 3, _ => 1 };
            int at = repeat > 1 ? j + 1 : j;
            if (at >= t.Length || Digit(t[at].Lower) is not (>= 0 and var d))
            {
                break;
            }

            digits.Append((char)('0' + d), repeat);
            j = at + 1;
        }

        return digits.Length == 0 ? null : (j - i, digits.ToString());
    }

    /// <summary>An ordinal suffix for a value: 1st, 2nd, 3rd, 11th, 21st.</summary>
    public static string OrdinalSuffix(decimal value) => (int)(value % 100) is 11 or 12 or 13 ? "th" : (int)(value % 10) switch
    {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    };
}
