using System.Buffers;
using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// The cheap test before a regex runs: the text must contain a string of each of the regex's most selective
/// <see cref="RequiredLiterals"/> sets, each checked with one vectorized search. A text that fails cannot match, so
/// skipping it changes no result.
/// </summary>
internal sealed class LiteralPrefilter
{
    /// <summary>Sets checked per text: each costs a scan of a text that passed the ones before.</summary>
    private const int MaxChecks = 4;

    private readonly Check[] _checks;

    private LiteralPrefilter(IReadOnlyList<LiteralSet> sets)
    {
        Sets = sets;
        _checks = sets.Select(Check.For).ToArray();
    }

    /// <summary>The required sets checked, most selective first.</summary>
    public IReadOnlyList<LiteralSet> Sets { get; }

    /// <summary>The search of each of <see cref="Sets"/>, in the same order.</summary>
    public IReadOnlyList<Check> Checks => _checks;

    /// <summary>The prefilter of <paramref name="pattern"/>, or null when no literal is certain.</summary>
    public static LiteralPrefilter? For(string pattern, RegexOptions options)
    {
        var sets = RequiredLiterals.Find(pattern, options).Take(MaxChecks).ToArray();
        return sets.Length == 0 ? null : new LiteralPrefilter(sets);
    }

    /// <summary>False when <paramref name="text"/> lacks every string of a required set, so the regex cannot match it.</summary>
    public bool MayMatch(ReadOnlySpan<char> text)
    {
        foreach (var check in _checks)
        {
            if (!check.Present(text))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether a text holds one string of a set, by the fastest search for its kind of strings.</summary>
    internal abstract class Check
    {
        public abstract bool Present(ReadOnlySpan<char> text);

        public static Check For(LiteralSet set)
        {
            var comparison = set.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            if (set.Strings.All(s => s.Length == 1))
            {
                return new Characters(FirstCharacters(set));
            }
            // SearchValues runs Teddy (vectorized) over ASCII strings but a dictionary-driven Aho-Corasick over others,
            // which was slower here than finding a character outside ASCII and comparing the strings there. A set of
            // both (refund|退款…) is searched as two: a search for r, m, 退… stopped at every r and m of an English line.
            var ascii = set.Strings.Where(s => s.All(char.IsAscii)).ToArray();
            if (ascii.Length == set.Strings.Count)
            {
                return new Strings(SearchValues.Create(ascii, comparison));
            }
            if (ascii.Length > 0)
            {
                return new Either(For(new LiteralSet(ascii, set.IgnoreCase)), For(new LiteralSet([.. set.Strings.Except(ascii)], set.IgnoreCase)));
            }
            return new AnchorThenStrings([.. set.Strings], comparison);
        }

        private static SearchValues<char> FirstCharacters(LiteralSet set)
        {
            var first = set.Strings.Select(s => s[0]).ToList();
            return SearchValues.Create(set.IgnoreCase ? [.. first.Select(char.ToLowerInvariant), .. first.Select(char.ToUpperInvariant)] : [.. first]);
        }
    }

    private sealed class Characters(SearchValues<char> characters) : Check
    {
        public override bool Present(ReadOnlySpan<char> text) => text.ContainsAny(characters);
    }

    private sealed class Either(Check first, Check second) : Check
    {
        public override bool Present(ReadOnlySpan<char> text) => first.Present(text) || second.Present(text);
    }

    private sealed class Strings(SearchValues<string> strings) : Check
    {
        public override bool Present(ReadOnlySpan<char> text) => text.ContainsAny(strings);
    }

    /// <summary>
    /// Strings that each hold a character outside ASCII: the search finds the first such character of a string (its
    /// anchor: the 月 of 10月, rarer in a line than the digit before it) and compares the string around it.
    /// </summary>
    private sealed class AnchorThenStrings : Check
    {
        private readonly SearchValues<char> _anchors;
        private readonly (string String, int Anchor)[] _strings;
        private readonly StringComparison _comparison;

        public AnchorThenStrings(string[] strings, StringComparison comparison)
        {
            _strings = [.. strings.Select(s => (s, s.AsSpan().IndexOfAnyExceptInRange((char)0, (char)127)))];
            _comparison = comparison;
            var anchors = _strings.Select(s => s.String[s.Anchor]).ToList();
            _anchors = SearchValues.Create(comparison == StringComparison.Ordinal
                ? [.. anchors]
                : [.. anchors, .. anchors.Select(char.ToLowerInvariant), .. anchors.Select(char.ToUpperInvariant)]);
        }

        public override bool Present(ReadOnlySpan<char> text)
        {
            for (var at = text.IndexOfAny(_anchors); at >= 0; at = Next(text, at))
            {
                foreach (var (s, anchor) in _strings)
                {
                    // One compare of the anchor is cheaper than StartsWith; ignoring case, any anchor may be there.
                    if (at >= anchor && (s[anchor] == text[at] || _comparison != StringComparison.Ordinal) && text[(at - anchor)..].StartsWith(s, _comparison))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private int Next(ReadOnlySpan<char> text, int at) => text[(at + 1)..].IndexOfAny(_anchors) is >= 0 and var next ? at + 1 + next : -1;
    }
}
