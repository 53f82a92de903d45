namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>Units of measure, classifiers and currencies (<c>Data/zh_units.tsv</c>, <c>Data/zh_currency.tsv</c>).</summary>
internal sealed class ChineseUnits
{
    private readonly Dictionary<string, string?> _units;
    private readonly Dictionary<string, string> _currencies;
    private readonly int _longestUnit;
    private readonly int _longestCurrency;

    public ChineseUnits()
    {
        _units = ItnData.Embedded("zh_units.tsv").ToDictionary(r => r[0], r => r.Length > 1 ? r[1] : null);
        _currencies = ItnData.Embedded("zh_currency.tsv").ToDictionary(r => r[0], r => r[1]);
        _longestUnit = _units.Keys.Max(k => k.Length);
        _longestCurrency = _currencies.Keys.Max(k => k.Length);
    }

    /// <summary>The longest unit or classifier at <paramref name="start"/>: its text and its symbol (null = none).</summary>
    public (string Spoken, string? Symbol)? Unit(string text, int start) => Longest(_units, _longestUnit, text, start);

    /// <summary>The longest currency word at <paramref name="start"/> and its symbol.</summary>
    public (string Spoken, string? Symbol)? Currency(string text, int start) => Longest(_currencies!, _longestCurrency, text, start);

    private static (string, string?)? Longest(Dictionary<string, string?> table, int longest, string text, int start)
    {
        for (int length = Math.Min(longest, text.Length - start); length > 0; length--)
        {
            string candidate = text.Substring(start, length);
            if (table.TryGetValue(candidate, out var symbol))
            {
                return (candidate, symbol);
            }
        }

        return null;
    }
}
