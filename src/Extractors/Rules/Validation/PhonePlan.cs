namespace FunAsr.Extractors.Rules.Validation;

/// <summary>
/// The numbering plans phone fields are checked against, and how specific a match is, so that when two rules read
/// the same digits as phones (13812345678 as a Chinese mobile and as the North American +1 381…) only the most
/// specific reading is kept.
/// </summary>
internal static class PhonePlan
{
    /// <summary>How specifically <paramref name="number"/> fits a plan: 0 none, 1 a geographic number (NANP area code,
    /// Chinese landline), 2 a plan with a service prefix (Chinese mobile 1[3-9]x, 400/800 hotlines, NANP N00 and 8XX
    /// toll-free), 3 an explicit international number.</summary>
    public static int Specificity(Normalizers.PhoneNumber number) => number.E164 switch
    {
        null => ChinaSpecificity(number.Digits),
        var e164 when e164.StartsWith("+1", StringComparison.Ordinal) => NanpSpecificity(e164[2..]),
        var e164 when e164.StartsWith("+86", StringComparison.Ordinal) => ChinaSpecificity(e164[3..] is { Length: 11 } mobile && mobile[0] == '1' ? mobile : "0" + e164[3..]),
        _ => 3,
    };

    /// <summary>True when <paramref name="number"/> fits the plan of its country (or region, for numbers without one).</summary>
    public static bool IsValid(Normalizers.PhoneNumber number) => Specificity(number) > 0;

    private static int NanpSpecificity(string digits)
    {
        if (digits.Length != 10 || digits[0] < '2' || digits[3] < '2' || digits[1..3] == "11" || digits[4..6] == "11")
        {
            return 0;
        }
        return digits[1..3] == "00" || (digits[0] == '8' && digits[1] == digits[2]) ? 2 : 1;
    }

    private static int ChinaSpecificity(string digits) => digits switch
    {
        { Length: 11 } when digits[0] == '1' && digits[1] is >= '3' and <= '9' => 2,
        { Length: 10 } when digits.StartsWith("400", StringComparison.Ordinal) || digits.StartsWith("800", StringComparison.Ordinal) => 2,
        { Length: >= 10 and <= 12 } when digits[0] == '0' && digits[1] != '0' && LocalNumberStartsWell(digits) => 1,
        _ => 0,
    };

    // Local numbers start 2–9 after the area code (two digits for 010 and 02X, else three).
    private static bool LocalNumberStartsWell(string digits)
    {
        var areaLength = digits[1] is '1' or '2' ? 3 : 4;
        return digits.Length > areaLength && digits[areaLength] >= '2' && digits.Length - areaLength is 7 or 8;
    }
}
