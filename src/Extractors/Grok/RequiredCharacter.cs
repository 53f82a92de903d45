namespace FunAsr.Extractors.Grok;

/// <summary>
/// Finds a caseless character (such as <c>@</c> in an e-mail pattern or <c>订</c> in <c>订单号</c>) that every match of a regex must contain,
/// so a text without it can be skipped with one vectorized <c>IndexOf</c> before the regex runs. Conservative: a
/// character counts only when it is a plain literal, not optional, not inside an alternation, lookaround or
/// conditional; anything it does not understand gives no character.
/// </summary>
internal static class RequiredCharacter
{
    private sealed class Frame
    {
        public bool Alternated;
        public bool Excluded;
        public char? Found;
    }

    /// <summary>The required character of <paramref name="pattern"/>, or null.</summary>
    public static char? Find(string pattern)
    {
        var stack = new Stack<Frame>();
        var frame = new Frame();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    if (i + 1 >= pattern.Length)
                    {
                        return null;
                    }
                    var escape = pattern[++i];
                    var end = escape switch
                    {
                        'p' or 'P' => pattern.IndexOf('}', i),
                        'k' => pattern.IndexOfAny(['>', '\''], i),
                        'x' => i + 2,
                        'u' => i + 4,
                        'c' => i + 1,
                        _ => i,
                    };
                    if (end < 0 || end >= pattern.Length)
                    {
                        return null;
                    }
                    i = SkipQuantifier(pattern, end, out _);
                    break;
                case '[':
                    var close = ClassEnd(pattern, i);
                    if (close < 0)
                    {
                        return null;
                    }
                    i = SkipQuantifier(pattern, close, out _);
                    break;
                case '(':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        var next = i + 2 < pattern.Length ? pattern[i + 2] : '\0';
                        var lookbehind = next == '<' && i + 3 < pattern.Length && pattern[i + 3] is '=' or '!';
                        if (next is '#' or 'x' || (next is not (':' or '<' or '\'' or '=' or '!' or '>' or '(') && OptionsGroupHasX(pattern, i + 2)))
                        {
                            return null;
                        }
                        if (next is not (':' or '<' or '\'' or '=' or '!' or '>' or '('))
                        {
                            var setter = pattern.IndexOfAny([')', ':'], i + 2);
                            if (setter < 0)
                            {
                                return null;
                            }
                            if (pattern[setter] == ')')
                            {
                                i = setter;
                                break;
                            }
                        }
                        stack.Push(frame);
                        frame = new Frame { Excluded = next is '=' or '!' or '(' || lookbehind };
                        // Past the group's header: its name, lookaround marker or options.
                        var header = next switch
                        {
                            '<' when lookbehind => i + 3,
                            '<' => pattern.IndexOf('>', i + 3),
                            '\'' => pattern.IndexOf('\'', i + 3),
                            '(' => i + 1,
                            ':' or '=' or '!' or '>' => i + 2,
                            _ => pattern.IndexOf(':', i + 2),
                        };
                        if (header < 0)
                        {
                            return null;
                        }
                        i = header;
                    }
                    else
                    {
                        stack.Push(frame);
                        frame = new Frame();
                    }
                    break;
                case '|':
                    frame.Alternated = true;
                    break;
                case ')':
                    if (stack.Count == 0)
                    {
                        return null;
                    }
                    var inner = frame;
                    frame = stack.Pop();
                    i = SkipQuantifier(pattern, i, out var optional);
                    if (!optional && !inner.Alternated && !inner.Excluded && inner.Found is { } found)
                    {
                        frame.Found ??= found;
                    }
                    break;
                case '.' or '^' or '$' or '{' or '}' or '*' or '+' or '?':
                    break;
                default:
                    var literal = c;
                    i = SkipQuantifier(pattern, i, out var optionalLiteral);
                    if (!optionalLiteral && IsCaseless(literal))
                    {
                        frame.Found ??= literal;
                    }
                    break;
            }
        }
        return stack.Count == 0 && !frame.Alternated ? frame.Found : null;
    }

    // Caseless characters only (ASCII punctuation, CJK and other letters without case), so ignore-case never matters.
    private static bool IsCaseless(char c) =>
        c < 128 ? !char.IsAsciiLetterOrDigit(c) && !char.IsWhiteSpace(c) && !char.IsControl(c)
            : char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherLetter && !char.IsSurrogate(c);

    private static bool OptionsGroupHasX(string pattern, int from)
    {
        for (var i = from; i < pattern.Length && pattern[i] is not (')' or ':'); i++)
        {
            if (pattern[i] == 'x')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Index of the <c>]</c> closing the class opened at <paramref name="open"/> (with subtractions), or -1.</summary>
    private static int ClassEnd(string pattern, int open)
    {
        var depth = 0;
        var i = open;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }
            if (c == '[' && (i == open || pattern[i - 1] == '-'))
            {
                depth++;
                i++;
                if (i < pattern.Length && pattern[i] == '^')
                {
                    i++;
                }
                if (i < pattern.Length && pattern[i] == ']')
                {
                    i++;
                }
                continue;
            }
            if (c == ']' && --depth == 0)
            {
                return i;
            }
            i++;
        }
        return -1;
    }

    /// <summary>Skips a quantifier after the atom ending at <paramref name="atomEnd"/>; <paramref name="optional"/>
    /// when it allows zero repetitions. Returns the index of the last character consumed.</summary>
    private static int SkipQuantifier(string pattern, int atomEnd, out bool optional)
    {
        optional = false;
        var i = atomEnd + 1;
        if (i >= pattern.Length)
        {
            return atomEnd;
        }
        switch (pattern[i])
        {
            case '?' or '*':
                optional = true;
                break;
            case '+':
                break;
            case '{':
                var close = pattern.IndexOf('}', i);
                if (close < 0 || !IsCount(pattern.AsSpan(i + 1, close - i - 1), out var min))
                {
                    return atomEnd;
                }
                optional = min == 0;
                i = close;
                break;
            default:
                return atomEnd;
        }
        // A lazy or possessive marker after the quantifier.
        return i + 1 < pattern.Length && pattern[i + 1] is '?' or '+' ? i + 1 : i;
    }

    private static bool IsCount(ReadOnlySpan<char> body, out int min)
    {
        var comma = body.IndexOf(',');
        var first = comma < 0 ? body : body[..comma];
        return int.TryParse(first, out min) && (comma < 0 || body[(comma + 1)..].IsEmpty || int.TryParse(body[(comma + 1)..], out _));
    }
}
