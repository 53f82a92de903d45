namespace FunAsr.Extractors.Rules;

/// <summary>
/// The literal words of a rule's <c>match:</c> expressions: the phrases a rule is looking for word for word, to be
/// favoured by the recognizer (hotwords <c>from_rules</c>). A literal is a string a finite alternation matches, where
/// the alternation is a whole expression or a group with two or more alternatives that is not optional: plain text,
/// <c>(?:a|b)</c> groups and <c>?</c> on a character or group are expanded (<c>取消(?:订单|服务)?</c> gives 取消,
/// 取消订单, 取消服务; <c>complain(?:t)?</c> gives complain, complaint). Grok references (<c>%{NAME}</c>), classes,
/// <c>\d</c>/<c>\s</c>, <c>.</c> and repeats are not literal; in an alternative that has them only the mandatory
/// alternations inside count, so optional fillers such as <c>(?:请|麻烦)?</c> are left out. Kept: phrases of at least
/// two letters, made of letters, spaces, apostrophes and hyphens (no digits: the recognizer writes numbers in words).
/// </summary>
internal sealed class RuleLiterals
{
    /// <summary>More expansions than this make an alternative non-literal (e.g. a cross product of many groups).</summary>
    private const int MaxExpansions = 32;

    private readonly string _pattern;
    private readonly List<string> _found = [];
    private int _position;

    private RuleLiterals(string pattern) => _pattern = pattern;

    /// <summary>The literal phrases of one grok expression, in order of appearance, without duplicates.</summary>
    public static IReadOnlyList<string> Of(string pattern)
    {
        var scanner = new RuleLiterals(pattern);
        if (scanner.Alternation(out _) is { } whole)
        {
            scanner._found.AddRange(whole);
        }

        return scanner._found.Select(Tidy).Where(IsPhrase).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Alternatives up to a closing parenthesis or the end; the strings they match, or null if not all are finite.</summary>
    private List<string>? Alternation(out int count)
    {
        var branches = new List<List<string>?> { Branch() };
        while (Peek() == '|')
        {
            _position++;
            branches.Add(Branch());
        }

        count = branches.Count;
        if (branches.All(b => b is not null))
        {
            return [.. branches.SelectMany(b => b!)];
        }

        // Alternatives that are literal on their own still are, beside ones that are not.
        foreach (var branch in branches.OfType<List<string>>())
        {
            _found.AddRange(branch);
        }

        return null;
    }

    /// <summary>One alternative: the strings it matches, or null when it is not finite.</summary>
    private List<string>? Branch()
    {
        List<string>? strings = [""];
        var mandatoryAlternations = new List<List<string>>();
        while (Peek() is { } c && c != '|' && c != ')')
        {
            List<string>? atom;
            var zeroWidth = false;
            var alternatives = 0;
            if (c == '%' && Peek(1) == '{')
            {
                SkipPast('}');
                atom = null;
            }
            else if (c == '(')
            {
                (atom, zeroWidth, alternatives) = Group();
            }
            else if (c == '[')
            {
                SkipClass();
                atom = null;
            }
            else if (c == '\\')
            {
                (atom, zeroWidth) = Escape();
            }
            else if (c is '^' or '$')
            {
                _position++;
                zeroWidth = true;
                atom = [""];
            }
            else
            {
                _position++;
                atom = c is '.' or '*' or '+' or '?' or '{' ? null : [c.ToString()];
            }

            if (zeroWidth)
            {
                Quantifier();
                continue;
            }

            var quantifier = Quantifier();
            if (quantifier == '?' && atom is not null)
            {
                atom = ["", .. atom];
            }
            else if (quantifier is not null)
            {
                atom = null;
            }
            else if (atom is not null && alternatives >= 2)
            {
                mandatoryAlternations.Add(atom);
            }

            strings = strings is null || atom is null || strings.Count * atom.Count > MaxExpansions
                ? null
                : [.. strings.SelectMany(s => atom.Select(a => s + a))];
        }

        if (strings is null)
        {
            foreach (var alternation in mandatoryAlternations)
            {
                _found.AddRange(alternation);
            }
        }

        return strings;
    }

    /// <summary>A parenthesised group: what it matches (null if not finite), whether it is zero-width, and its alternatives.</summary>
    private (List<string>? Strings, bool ZeroWidth, int Alternatives) Group()
    {
        _position++;
        var zeroWidth = false;
        if (Peek() == '?')
        {
            _position++;
            var kind = Peek();
            if (kind is '=' or '!' || (kind == '<' && Peek(1) is '=' or '!'))
            {
                zeroWidth = true;
                _position += kind == '<' ? 2 : 1;
            }
            else if (kind is '<' or '\'')
            {
                SkipPast(kind == '<' ? '>' : '\'');
            }
            else
            {
                // (?:…), (?i:…), or an inline flag group (?i) that matches nothing.
                while (Peek() is { } f && f != ':' && f != ')')
                {
                    _position++;
                }

                if (Peek() == ')')
                {
                    _position++;
                    return ([""], true, 0);
                }

                _position++;
            }
        }

        var strings = Alternation(out var alternatives);
        if (Peek() == ')')
        {
            _position++;
        }

        return zeroWidth ? ([""], true, 0) : (strings, false, strings is null ? 0 : alternatives);
    }

    /// <summary>A backslash escape: an escaped punctuation character is literal, anchors match nothing, the rest is not literal.</summary>
    private (List<string>? Strings, bool ZeroWidth) Escape()
    {
        var c = Peek(1);
        _position += 2;
        if (c is null)
        {
            return (null, false);
        }

        if (c is 'b' or 'B' or 'A' or 'z' or 'Z' or 'G')
        {
            return ([""], true);
        }

        if (c is 'p' or 'P' && Peek() == '{')
        {
            SkipPast('}');
        }

        return char.IsLetterOrDigit(c.Value) ? (null, false) : ([c.Value.ToString()], false);
    }

    /// <summary>Consumes a quantifier (<c>?</c>, <c>*</c>, <c>+</c>, <c>{n,m}</c>, with a lazy or possessive suffix); returns its first character.</summary>
    private char? Quantifier()
    {
        var c = Peek();
        if (c is not ('?' or '*' or '+' or '{'))
        {
            return null;
        }

        if (c == '{')
        {
            SkipPast('}');
        }
        else
        {
            _position++;
        }

        if (Peek() is '?' or '+')
        {
            _position++;
        }

        return c;
    }

    private void SkipClass()
    {
        _position++;
        if (Peek() == '^')
        {
            _position++;
        }

        if (Peek() == ']')
        {
            _position++;
        }

        while (Peek() is { } c && c != ']')
        {
            _position += c == '\\' ? 2 : 1;
        }

        _position++;
    }

    private void SkipPast(char end)
    {
        while (Peek() is { } c && c != end)
        {
            _position++;
        }

        _position++;
    }

    private char? Peek(int ahead = 0) => _position + ahead < _pattern.Length ? _pattern[_position + ahead] : null;

    private static string Tidy(string phrase) => string.Join(' ', phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static bool IsPhrase(string phrase) =>
        phrase.Count(char.IsLetter) >= 2 && phrase.All(c => char.IsLetter(c) || c is ' ' or '\'' or '-');
}
