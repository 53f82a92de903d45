namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Scans English words left to right. At each word every enabled category grammar proposes a match; the longest
/// (in words) wins, ties going to the earlier grammar. Words that are not number words are never touched, so a
/// mixed Chinese/English segment can go through both normalizers.
/// </summary>
internal sealed class EnglishNormalizer
{
    private readonly ItnOptions _options;
    private readonly Whitelist _whitelist;
    private readonly PhraseTable _abbreviations = new("en_abbreviations.tsv");
    private readonly List<(ItnCategories Category, Func<Token[], int, EnglishMatch?> Match)> _grammars;

    public EnglishNormalizer(ItnOptions options, Whitelist whitelist)
    {
        _options = options;
        _whitelist = whitelist;
        _grammars =
        [
            (ItnCategories.Date, Date.Match),
            (ItnCategories.Time, new Time(options).Match),
            (ItnCategories.Money, new Money(new PhraseTable("en_currency.tsv")).Match),
            (ItnCategories.Ordinal, new Ordinal(options).Match),
            (ItnCategories.Measure, new Measure(options, new PhraseTable("en_units.tsv")).Match),
            (ItnCategories.Digits, new Telephone(options).Match),
            (ItnCategories.Electronic, Electronic.Match),
            (ItnCategories.Cardinal, Cardinal.Match),
        ];
        _grammars.RemoveAll(g => !options.Has(g.Category));
    }

    /// <summary>Proposes rewrites for the English number words in <paramref name="text"/>.</summary>
    public void Collect(string text, List<Rewrite> rewrites)
    {
        var tokens = Token.Split(text);
        int i = 0;
        while (i < tokens.Length)
        {
            if (_whitelist.Match(text, tokens[i].Start) is { } listed && IsWordEnd(text, tokens[i].Start + listed.Length))
            {
                if (listed.Written is { } kept)
                {
                    rewrites.Add(new Rewrite(tokens[i].Start, listed.Length, kept, "whitelist"));
                }

                int end = tokens[i].Start + listed.Length;
                while (i < tokens.Length && tokens[i].Start < end)
                {
                    i++;
                }

                continue;
            }

            EnglishMatch? best = null;
            foreach (var (_, match) in _grammars)
            {
                if (match(tokens, i) is { } candidate && (best is null || candidate.Tokens > best.Value.Tokens))
                {
                    best = candidate;
                }
            }

            if (best is null && _options.EnglishAbbreviations && _abbreviations.Match(tokens, i) is { } abbreviation)
            {
                best = new EnglishMatch(abbreviation.Count, abbreviation.Row[1], "whitelist");
            }

            if (best is { } found)
            {
                int start = tokens[i].Start;
                int stop = tokens[i + found.Tokens - 1].End;
                rewrites.Add(new Rewrite(start, stop - start, found.Text, found.Category));
                i += found.Tokens;
                continue;
            }

            i++;
        }
    }

    private static bool IsWordEnd(string text, int index) => index >= text.Length || char.IsWhiteSpace(text[index]);
}
