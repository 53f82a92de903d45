namespace FunAsr.Ingest.Store;

/// <summary>
/// A search or export filter: words that must all occur in one segment (written or spoken form, any substring,
/// case-insensitive), fields that must match (<c>name=value</c>, on the normalized value or the matched text) and a
/// lower bound on the call start (else processing) time.
/// </summary>
internal sealed record StoreQuery(
    string? Text,
    IReadOnlyList<(string Name, string Value)> Fields,
    DateTimeOffset? Since,
    int Limit)
{
    public IReadOnlyList<string> Terms { get; } =
        Text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>Parses <c>name=value</c>; throws <see cref="FormatException"/> naming the bad argument.</summary>
    public static (string Name, string Value) ParseField(string argument)
    {
        var eq = argument.IndexOf('=');
        if (eq <= 0) throw new FormatException($"--field '{argument}': expected name=value, for example phone=13812345678");
        return (argument[..eq].Trim(), argument[(eq + 1)..].Trim());
    }

    /// <summary>Longest relative age accepted: a century, far beyond any recording, well inside the calendar.</summary>
    public const int MaxSinceDays = 36_500;

    /// <summary>Parses an ISO date/time or a relative age such as <c>30m</c>, <c>24h</c>, <c>7d</c> (0 to <see cref="MaxSinceDays"/> days).</summary>
    public static DateTimeOffset ParseSince(string value, DateTimeOffset now)
    {
        if (value.Length > 1 && double.TryParse(value[..^1], System.Globalization.CultureInfo.InvariantCulture, out var amount))
        {
            double? days = value[^1] switch
            {
                'm' => amount / (24 * 60),
                'h' => amount / 24,
                'd' => amount,
                _ => null,
            };
            if (days is { } d)
            {
                if (!(d is >= 0 and <= MaxSinceDays))
                    throw new FormatException($"--since '{value}': an age must be between 0 and {MaxSinceDays}d (100 years)");
                return now - TimeSpan.FromDays(d);
            }
        }
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            return at;
        throw new FormatException($"--since '{value}': expected an ISO date such as 2025-01-31 or an age such as 30m, 24h, 7d");
    }
}
