using System.Buffers;
using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// The cheap test before a regex runs: the text must contain a string of each of the regex's most selective
/// <see cref="RequiredLiterals"/> sets, each checked with one vectorized multi-string search. A text that fails cannot
/// match, so skipping it changes no result.
/// </summary>
internal sealed class LiteralPrefilter
{
    /// <summary>Sets checked per text: each costs a scan, and a third rarely rejects what two let through.</summary>
    private const int MaxChecks = 3;

    private readonly SearchValues<char>[] _characters;
    private readonly SearchValues<string>[] _strings;

    private LiteralPrefilter(SearchValues<char>[] characters, SearchValues<string>[] strings)
    {
        _characters = characters;
        _strings = strings;
    }

    /// <summary>The prefilter of <paramref name="pattern"/>, or null when no literal is certain.</summary>
    public static LiteralPrefilter? For(string pattern, RegexOptions options)
    {
        var sets = RequiredLiterals.Find(pattern, options).Take(MaxChecks).ToArray();
        if (sets.Length == 0)
        {
            return null;
        }
        var characters = new List<SearchValues<char>>();
        var strings = new List<SearchValues<string>>();
        foreach (var set in sets)
        {
            if (set.Strings.All(s => s.Length == 1))
            {
                var chars = set.Strings.Select(s => s[0]);
                characters.Add(SearchValues.Create(set.IgnoreCase ? [.. chars.Select(char.ToLowerInvariant), .. chars.Select(char.ToUpperInvariant)] : chars.ToArray()));
            }
            else
            {
                strings.Add(SearchValues.Create([.. set.Strings], set.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            }
        }
        return new LiteralPrefilter([.. characters], [.. strings]);
    }

    /// <summary>False when <paramref name="text"/> lacks every string of a required set, so the regex cannot match it.</summary>
    public bool MayMatch(ReadOnlySpan<char> text)
    {
        foreach (var set in _characters)
        {
            if (!text.ContainsAny(set))
            {
                return false;
            }
        }
        foreach (var set in _strings)
        {
            if (!text.ContainsAny(set))
            {
                return false;
            }
        }
        return true;
    }
}
