namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Digits read one by one: "four zero zero eight eight eight one two three four" → 4008881234 (or 400-888-1234
/// grouped), "double five" → 55, "plus forty four …" → +44 …. Three digits or more, or any run with double/triple.
/// A North American toll-free or service prefix read as a number ("eight hundred", "one eight hundred", "nine
/// hundred") is a phone number only when exactly seven digits follow, so "eight hundred five" stays a cardinal.
/// </summary>
internal sealed class Telephone(ItnOptions options)
{
    public EnglishMatch? Match(Token[] t, int i)
    {
        int j = i;
        string country = "";
        if (t[i].Lower == "plus")
        {
            if (CountryCode(t, i + 1) is not { } code)
            {
                return null;
            }

            country = "+" + code.Code + " ";
            j = code.End;
        }

        if (country.Length == 0 && ServicePrefix(t, i) is { } prefix)
        {
            return prefix;
        }

        if (NumberWords.DigitRun(t, j) is not { } run)
        {
            return null;
        }

        bool repeated = t.Skip(j).Take(run.Count).Any(x => x.Lower is "double" or "triple");
        if (run.Digits.Length < 3 && !(repeated && run.Digits.Length >= 2))
        {
            return null;
        }

        return new EnglishMatch(j - i + run.Count, country + Grouped(run.Digits), "telephone");
    }

    private string Grouped(string digits) => !options.GroupTelephoneDigits ? digits : digits.Length switch
    {
        10 => $"{digits[..3]}-{digits[3..6]}-{digits[6..]}",
        11 => $"{digits[..1]} {digits[1..4]}-{digits[4..7]}-{digits[7..]}",
        9 => $"{digits[..3]}-{digits[3..5]}-{digits[5..]}",
        _ => digits,
    };

    // "(one) eight hundred" + seven digits → (1)800…; N00 codes are the NANP's service codes (800 toll-free, 900 premium).
    private EnglishMatch? ServicePrefix(Token[] t, int i)
    {
        int j = i;
        string trunk = "";
        if (t[j].Lower == "one" && j + 1 < t.Length)
        {
            trunk = "1";
            j++;
        }

        if (j + 1 >= t.Length || NumberWords.Digit(t[j].Lower) is not (>= 2 and var code) || t[j + 1].Lower != "hundred")
        {
            return null;
        }

        if (NumberWords.DigitRun(t, j + 2) is not { Digits.Length: 7 } run)
        {
            return null;
        }

        return new EnglishMatch(j + 2 - i + run.Count, Grouped(trunk + code + "00" + run.Digits), "telephone");
    }

    // "plus forty four" or "plus nine one" followed by a ten-digit number.
    private static (string Code, int End)? CountryCode(Token[] t, int i)
    {
        if (NumberWords.Cardinal(t, i) is { Count: 1 } spoken && NumberWords.Digit(t[i].Lower) < 0
            && NumberWords.DigitRun(t, i + 1) is { Digits.Length: 10 })
        {
            return (spoken.Value.ToString(), i + 1);
        }

        if (NumberWords.DigitRun(t, i) is { } run && run.Digits.Length is > 10 and <= 13 && run.Count == run.Digits.Length)
        {
            int codeDigits = run.Digits.Length - 10;
            return NumberWords.DigitRun(t, i + codeDigits) is { Digits.Length: 10 } ? (run.Digits[..codeDigits], i + codeDigits) : null;
        }

        return null;
    }
}
