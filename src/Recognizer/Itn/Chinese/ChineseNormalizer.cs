namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Scans Chinese text left to right. At each position every enabled category grammar proposes a match; the longest
/// wins (ties go to the earlier grammar in the list), and a whitelist entry at least as long beats them all
/// (十分感谢 stays, 十分钟 → 10分钟). This stands in for the weighted union and shortest path of WeTextProcessing's FSTs.
/// </summary>
internal sealed class ChineseNormalizer
{
    private static readonly string Interjections = "呃啊";

    private readonly ItnOptions _options;
    private readonly Whitelist _whitelist;
    private readonly List<(ItnCategories Category, Func<string, int, TaggedMatch?> Match)> _grammars;

    public ChineseNormalizer(ItnOptions options, Whitelist whitelist)
    {
        _options = options;
        _whitelist = whitelist;
        var units = new ChineseUnits();
        _grammars =
        [
            (ItnCategories.Vehicle, Vehicle.Match),
            (ItnCategories.Date, new Date(options).Match),
            (ItnCategories.Time, new Time(options).Match),
            (ItnCategories.Percent, Percent.Match),
            (ItnCategories.Fraction, Fraction.Match),
            (ItnCategories.Money, new Money(options, units).Match),
            (ItnCategories.Measure, new Measure(options, units).Match),
            (ItnCategories.Math, MathExpression.Match),
            (ItnCategories.Range, new Range(options).Match),
            (ItnCategories.Digits, DigitString.Match),
            (ItnCategories.Cardinal, new Cardinal(options).Match),
        ];
        _grammars.RemoveAll(g => !options.Has(g.Category));
    }

    /// <summary>Proposes rewrites for the Chinese numbers in <paramref name="text"/>.</summary>
    public void Collect(string text, List<Rewrite> rewrites)
    {
        int i = 0;
        Rewrite? previous = null;
        while (i < text.Length)
        {
            TaggedMatch? best = null;
            foreach (var (_, match) in _grammars)
            {
                if (match(text, i) is { } candidate && (best is null || candidate.Length > best.Value.Length))
                {
                    best = candidate;
                }
            }

            if (_whitelist.Match(text, i) is { } listed && (best is null || listed.Length >= best.Value.Length))
            {
                if (listed.Written is { } written)
                {
                    rewrites.Add(new Rewrite(i, listed.Length, written, "whitelist"));
                }

                i += listed.Length;
                continue;
            }

            if (best is { } found)
            {
                // Two numbers side by side are kept apart (这是八百一千 → 这是800 1000), as WeTextProcessing writes them.
                string written = previous is { } p && p.End == i && char.IsAsciiDigit(p.Text[^1]) && char.IsAsciiDigit(found.Text[0])
                    ? " " + found.Text
                    : found.Text;
                previous = new Rewrite(i, found.Length, written, found.Category);
                rewrites.Add(previous.Value);
                i += found.Length;
                continue;
            }

            if (_options.RemoveInterjections && Interjections.Contains(text[i]))
            {
                rewrites.Add(new Rewrite(i, 1, "", "interjection"));
                i++;
                continue;
            }

            i += ChineseNumerals.IsNumberChar(text[i]) ? NumberRunLength(text, i) : 1;
        }
    }

    // A number no grammar accepted (a lone 一, a 几十万) is skipped whole, so no part of it converts on its own.
    private static int NumberRunLength(string text, int i)
    {
        int j = i;
        while (j < text.Length && ChineseNumerals.IsNumberChar(text[j]))
        {
            j++;
        }

        return j - i;
    }
}
