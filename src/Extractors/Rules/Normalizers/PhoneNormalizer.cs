namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// Reads a telephone number in any written form (spaces, dashes, brackets, +/00 prefixes) as digits plus E.164,
/// using a default region (<c>CN</c> or <c>US</c>) for numbers written without a country code.
/// </summary>
internal static class PhoneNormalizer
{
    public static PhoneNumber? Normalize(string text, string region)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length < 5)
        {
            return null;
        }
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('+'))
        {
            return new PhoneNumber(digits, "+" + digits);
        }
        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            return new PhoneNumber(digits[2..], "+" + digits[2..]);
        }
        return region.ToUpperInvariant() switch
        {
            "CN" => China(digits),
            "US" or "CA" => NorthAmerica(digits),
            _ => new PhoneNumber(digits, null),
        };
    }

    private static PhoneNumber China(string digits) => digits switch
    {
        { Length: 13 } when digits.StartsWith("86", StringComparison.Ordinal) => new PhoneNumber(digits[2..], "+" + digits),
        { Length: 11 } when digits[0] == '1' => new PhoneNumber(digits, "+86" + digits),
        { Length: 10 } when digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal)
            => new PhoneNumber(digits, null),
        { Length: >= 10 and <= 12 } when digits[0] == '0' => new PhoneNumber(digits, "+86" + digits[1..]),
        _ => new PhoneNumber(digits, null),
    };

    private static PhoneNumber NorthAmerica(string digits) => digits switch
    {
        { Length: 10 } => new PhoneNumber(digits, "+1" + digits),
        { Length: 11 } when digits[0] == '1' => new PhoneNumber(digits[1..], "+" + digits),
        _ => new PhoneNumber(digits, null),
    };
}
