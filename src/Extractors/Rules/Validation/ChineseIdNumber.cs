using System.Globalization;

namespace FunAsr.Extractors.Rules.Validation;

/// <summary>The Chinese resident identity number (GB 11643): 17 digits, a real birth date, and an ISO 7064 MOD 11-2 check character.</summary>
internal static class ChineseIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public static bool IsValid(string text)
    {
        if (text.Length != 18 || !text[..17].All(char.IsAsciiDigit)
            || !DateOnly.TryParseExact(text[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return false;
        }
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (text[i] - '0') * Weights[i];
        }
        return char.ToUpperInvariant(text[17]) == CheckCharacters[sum % 11];
    }
}
