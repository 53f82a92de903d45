using System.Globalization;
using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>Reads an amount (<c>¥300</c>, <c>300元</c>, <c>3万元</c>, <c>$25.50</c>, <c>25 dollars</c>, and the tenths said
/// after the unit: <c>99块9</c>, <c>456元7角</c>; small amounts left in words: <c>八块</c>) as <see cref="Money"/>.</summary>
internal static partial class MoneyNormalizer
{
    [GeneratedRegex(@"(?<n>[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?<mul>万|千)?")]
    private static partial Regex Amount();

    [GeneratedRegex(@"[元块](?<jiao>[0-9])[毛角]?$")]
    private static partial Regex Tenths();

    [GeneratedRegex(@"^(?<n>[一二两三四五六七八九十]{1,3})(?:块|元)")]
    private static partial Regex WordAmount();

    public static Money? Normalize(string text, string defaultCurrency)
    {
        if (WordAmount().Match(text) is { Success: true } words)
        {
            return ChineseNumber.Parse(words.Groups["n"].Value) is { } small ? new Money(small, "CNY") : null;
        }
        var match = Amount().Match(text);
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }
        amount *= match.Groups["mul"].Value switch
        {
            "万" => 10_000m,
            "千" => 1_000m,
            _ => 1m,
        };
        if (Tenths().Match(text) is { Success: true } tenths)
        {
            amount += (tenths.Groups["jiao"].Value[0] - '0') / 10m;
        }
        var currency = text.IndexOfAny(['$']) >= 0 || text.Contains("dollar", StringComparison.OrdinalIgnoreCase)
                || text.Contains("USD", StringComparison.Ordinal) || text.Contains("buck", StringComparison.OrdinalIgnoreCase)
                || text.Contains("美元", StringComparison.Ordinal) || text.Contains("美金", StringComparison.Ordinal)
            ? "USD"
            : text.IndexOfAny(['¥', '￥', '元', '块']) >= 0 || text.Contains("RMB", StringComparison.OrdinalIgnoreCase)
                || text.Contains("CNY", StringComparison.Ordinal) || text.Contains("人民币", StringComparison.Ordinal)
                ? "CNY"
                : defaultCurrency;
        return new Money(amount, currency);
    }
}
