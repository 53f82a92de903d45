namespace FunAsr.Extractors.Rules.Validation;

/// <summary>The Luhn (mod 10) check of payment card numbers.</summary>
internal static class Luhn
{
    /// <summary>True for 13–19 digits (separators ignored) whose Luhn sum is a multiple of 10.</summary>
    public static bool IsValidCardNumber(string text)
    {
        var digits = text.Where(char.IsAsciiDigit).ToArray();
        if (digits.Length is < 13 or > 19 || text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-')))
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
