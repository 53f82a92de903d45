namespace FunAsr.Extractors.Grok;

/// <summary>
/// The literal prefilters of many expressions that run over the same text (a rule set over one line), each distinct
/// required set searched at most once per text. In the rules/ pack 76 expressions check 210 sets, 109 of them
/// distinct: a clock time's <c>:0|…|时|点</c> alone is required by about twenty. Each expression is admitted exactly
/// when its own <see cref="LiteralPrefilter"/> would admit it (the same sets, some answered from an earlier search).
/// </summary>
internal sealed class CombinedPrefilter
{
    private const byte Unknown = 0;
    private const byte Present = 1;
    private const byte Absent = 2;
    private const int MinSetsForCharacterBits = 8;

    private readonly LiteralPrefilter.Check[] _checks;
    private readonly int[][] _checksOf;

    /// <summary>Per set, the bits of its strings' first characters; null for a case-insensitive set, or all null when
    /// there are few sets.</summary>
    private readonly (int Word, ulong Mask)[]?[] _firstCharacters;

    /// <summary>Indexes the sets of <paramref name="expressions"/>; an expression's number is its position there.</summary>
    public CombinedPrefilter(IEnumerable<GrokExpression> expressions)
    {
        var checks = new List<LiteralPrefilter.Check>();
        var firstCharacters = new List<(int Word, ulong Mask)[]?>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        _checksOf = expressions.Select(e => (e.Prefilter?.Sets ?? []).Select((set, i) =>
        {
            var key = $"{(set.IgnoreCase ? 'i' : 'c')}\0{string.Join('\0', set.Strings.Order(StringComparer.Ordinal))}";
            if (!numbers.TryGetValue(key, out var number))
            {
                number = checks.Count;
                checks.Add(e.Prefilter!.Checks[i]);
                firstCharacters.Add(set.IgnoreCase ? null : CharacterBits.Masks(set.Strings.Select(s => s[0])));
                numbers.Add(key, number);
            }
            return number;
        }).ToArray()).ToArray();
        _checks = [.. checks];
        // The bits cost a pass over the text: they pay when many sets are asked about it, not for a rule or two.
        _firstCharacters = _checks.Length >= MinSetsForCharacterBits ? [.. firstCharacters] : new (int, ulong)[]?[_checks.Length];
    }

    /// <summary>How many distinct sets: the length of the memo <see cref="MayMatch"/> takes.</summary>
    public int SetCount => _checks.Length;

    /// <summary>
    /// False when <paramref name="text"/> lacks a set expression number <paramref name="expression"/> requires, so it
    /// cannot match. <paramref name="searched"/> (<see cref="SetCount"/> bytes) and <paramref name="characters"/>
    /// (<see cref="CharacterBits.Words"/>), zeroed for each new text, remember what was already found in it: the
    /// answers of sets searched, and the text's <see cref="CharacterBits"/>, which rule out most sets without a search.
    /// </summary>
    public bool MayMatch(int expression, string text, Span<byte> searched, Span<ulong> characters)
    {
        foreach (var set in _checksOf[expression])
        {
            if (searched[set] == Unknown)
            {
                searched[set] = (_firstCharacters[set] is not { } first || CharacterBits.AnySet(CharacterBits.FillOnce(text, characters), first)) && _checks[set].Present(text)
                    ? Present
                    : Absent;
            }
            if (searched[set] == Absent)
            {
                return false;
            }
        }
        return true;
    }
}
