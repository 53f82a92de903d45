using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>
/// Reads a calendar date (<c>2025年1月3日</c>, <c>1月3号</c>, <c>January 3, 2025</c>, <c>the 3rd of March</c>,
/// <c>2025-01-03</c>, US <c>01/03/2025</c>, <c>15 March</c>) as ISO 8601 <c>2025-01-03</c>, or <c>--01-03</c> when no
/// year was said; a day said relative to the call (明天, next Monday) through <see cref="RelativeDay"/>.
/// </summary>
internal static partial class DateNormalizer
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"^(?:(?<y>[0-9]{4})年)?(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})[日号]$")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?<m>[0-9]{1,2})[/-](?<d>[0-9]{1,2})[/-](?<y>[0-9]{4}|[0-9]{2})$")]
    private static partial Regex UsNumeric();

    [GeneratedRegex(@"^(?:(?<mon>[A-Za-z]+)\.? (?<d>[0-9]{1,2})(?:st|nd|rd|th)?|(?:the )?(?<d>[0-9]{1,2})(?:st|nd|rd|th)?(?: of)? (?<mon>[A-Za-z]+)\.?)(?:,? (?<y>[0-9]{4}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex English();

    public static string? Normalize(string text, DateOnly? callDate = null)
    {
        var trimmed = text.Trim();
        if (RelativeDay.Normalize(trimmed, callDate) is { } relative)
        {
            return relative;
        }
        var match = Chinese().Match(trimmed);
        if (!match.Success)
        {
            match = Iso().Match(trimmed);
        }
        if (!match.Success)
        {
            match = UsNumeric().Match(trimmed);
        }
        int month;
        if (match.Success)
        {
            month = int.Parse(match.Groups["m"].Value);
        }
        else
        {
            match = English().Match(trimmed);
            if (!match.Success)
            {
                return null;
            }
            var name = match.Groups["mon"].Value.ToLowerInvariant();
            month = Array.FindIndex(Months, m => name.StartsWith(m, StringComparison.Ordinal)) + 1;
            if (month == 0)
            {
                return null;
            }
        }
        var day = int.Parse(match.Groups["d"].Value);
        if (month is < 1 or > 12 || day is < 1 or > 31)
        {
            return null;
        }
        var year = match.Groups["y"].Value;
        if (year.Length == 2)
        {
            year = "20" + year;
        }
        return year.Length == 0 ? $"--{month:D2}-{day:D2}" : $"{year}-{month:D2}-{day:D2}";
    }
}
