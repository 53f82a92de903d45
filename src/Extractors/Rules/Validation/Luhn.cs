namespace FunAsr.Extractors.Rules.Validation;

/// <summary>
/// A payment card number (ISO/IEC 7812): 13–19 digits, a major industry identifier a card can have (2–6 for banking
/// and retail, 1 for 15-digit airline UATP cards; phone numbers with 0, 00 or 86 in front never pass), and the Luhn
/// (mod 10) check digit.
/// </summary>
internal static class Luhn
{
    /// <summary>True for a card number (separators ignored) as described above.</summary>
    public static bool IsValidCardNumber(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length is < 13 or > 19 || text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-'))
            || !(digits[0] is >= '2' and <= '6' || (digits[0] == '1' && digits.Length == 15)))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[^(i + 1)] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
