using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// Works out sets of literal strings a regex cannot match without: every match contains at least one string of each
/// set (<c>(?:送货|配送)时间</c> needs one of 送货时间, 配送时间; <c>%{CLOCK_ZH:after}(?:以后|之后|后)</c> needs a 后),
/// so a text lacking one is skipped with a vectorized search before the regex runs — the literal prefilter
/// Hyperscan, RE2 and Rust's regex crate use. Conservative: optional, repeated-zero, lookaround, backreference,
/// wide-class and case-folded non-ASCII parts require nothing, and a construct it does not know gives no sets at all.
/// </summary>
internal static class RequiredLiterals
{
    /// <summary>Largest exact language kept per subexpression, and the longest string in it.</summary>
    private const int MaxStrings = 64;
    private const int MaxLength = 24;

    /// <summary>Sets of each branch of an alternation combined into the alternation's sets.</summary>
    private const int MaxChecksPerBranch = 3;

    /// <summary>The largest character class read as its characters.</summary>
    private const int MaxClassSize = 16;

    /// <summary>
    /// Groups already worked out, by their text and whether case is ignored where they start. A group's requirement
    /// depends on nothing else, and grok expands the same named pattern into many groups and expressions (the
    /// call-centre rules: CLOCK_EN_SAID dozens of times), which made this analysis most of a rule load.
    /// </summary>
    private static readonly ConcurrentDictionary<(string Group, bool IgnoreCase), Requirement> KnownGroups = new();

    /// <summary>Shorter groups are cheaper to work out again than to look up.</summary>
    private const int MinKnownGroupLength = 32;

    private const int MaxKnownGroups = 4096;

    /// <summary>
    /// The required sets of <paramref name="pattern"/> compiled with <paramref name="options"/>, most selective
    /// first; empty when nothing is certain. A set searched case-insensitively (<see cref="LiteralSet.IgnoreCase"/>)
    /// holds strings from an <c>(?i)</c> part.
    /// </summary>
    public static IReadOnlyList<LiteralSet> Find(string pattern, RegexOptions options = RegexOptions.None)
    {
        if ((options & (RegexOptions.IgnorePatternWhitespace | RegexOptions.ECMAScript | RegexOptions.RightToLeft)) != 0)
        {
            return [];
        }
        try
        {
            var parser = new Parser(pattern);
            var ignoreCase = (options & RegexOptions.IgnoreCase) != 0;
            var whole = parser.Alternation(ref ignoreCase);
            if (parser.Position != pattern.Length)
            {
                return [];
            }
            var sets = new List<LiteralSet>(whole.Required);
            if (whole.Exact is { } exact && AsSet(exact) is { } all)
            {
                sets.Add(all);
            }
            var minimal = sets.Select(Minimal).Distinct(LiteralSetComparer.Instance).ToList();
            // A set holding all of another's strings is implied by it.
            return minimal.Where(b => !minimal.Exists(a => !ReferenceEquals(a, b) && a.Strings.Count < b.Strings.Count && a.IgnoreCase == b.IgnoreCase && a.Strings.All(b.Strings.Contains)))
                .OrderByDescending(Selectivity).ToArray();
        }
        catch (UnknownConstruct)
        {
            return [];
        }
    }

    /// <summary>Higher is more selective: a longer shortest string (a CJK character rarer than an ASCII letter or
    /// punctuation, those rarer than a digit, a digit than a space), then fewer strings.</summary>
    private static double Selectivity(LiteralSet set) =>
        set.Strings.Min(s => s.Sum(c => c >= 128 ? 3.0 : char.IsAsciiDigit(c) ? 0.5 : c == ' ' ? 0.25 : 1.0)) * 100.0 - set.Strings.Count;

    /// <summary>A set without strings that contain another of its strings (a text holding the longer holds the shorter).
    /// Worked out once per set: <see cref="KnownGroups"/> hands the same sets to many expressions.</summary>
    private static LiteralSet Minimal(LiteralSet set) => MinimalSets.GetValue(set, MinimalOf);

    private static readonly ConditionalWeakTable<LiteralSet, LiteralSet> MinimalSets = new();

    private static LiteralSet MinimalOf(LiteralSet set)
    {
        var comparison = set.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var sorted = set.Strings.OrderBy(s => s.Length).ToList();
        var kept = new List<string>();
        foreach (var s in sorted)
        {
            if (!kept.Exists(k => s.Contains(k, comparison)))
            {
                kept.Add(s);
            }
        }
        return new LiteralSet(kept, set.IgnoreCase);
    }

    private static LiteralSet? AsSet(Exact exact) => exact.Strings.Count == 0 || exact.Strings.Contains("") ? null : new LiteralSet([.. exact.Strings], exact.IgnoreCase);

    /// <summary>A finite language written out: the strings the subexpression matches, exactly.</summary>
    private sealed record Exact(HashSet<string> Strings, bool IgnoreCase)
    {
        public static Exact Empty { get; } = new([""], false);

        public static Exact Of(char c, bool ignoreCase) => new([c.ToString()], ignoreCase);

        public Exact? Then(Exact next)
        {
            if ((long)Strings.Count * next.Strings.Count > MaxStrings)
            {
                return null;
            }
            var product = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in Strings)
            {
                foreach (var b in next.Strings)
                {
                    if (a.Length + b.Length > MaxLength)
                    {
                        return null;
                    }
                    product.Add(a + b);
                }
            }
            return new Exact(product, IgnoreCase || next.IgnoreCase);
        }

        public Exact? Or(Exact other) =>
            Strings.Count + other.Strings.Count > MaxStrings ? null : new Exact([.. Strings, .. other.Strings], IgnoreCase || other.IgnoreCase);
    }

    /// <summary>What a subexpression guarantees: its exact language when small, and sets every match contains.</summary>
    private sealed record Requirement(Exact? Exact, IReadOnlyList<LiteralSet> Required)
    {
        public static Requirement ZeroWidth { get; } = new(Exact.Empty, []);

        public static Requirement Nothing { get; } = new(null, []);

        /// <summary>Every set this subexpression guarantees, most selective first.</summary>
        public IEnumerable<LiteralSet> Candidates() => Required.Concat(Exact is { } e && AsSet(e) is { } s ? [s] : []).OrderByDescending(Selectivity);
    }

    private sealed class UnknownConstruct : Exception;

    private sealed class Parser(string pattern)
    {
        private readonly int[] _groupEnds = GroupEnds(pattern);

        public int Position { get; private set; }

        private char Peek(int ahead = 0) => Position + ahead < pattern.Length ? pattern[Position + ahead] : '\0';

        private bool AtEnd => Position >= pattern.Length;

        /// <summary>Branches up to a <c>)</c> or the end. <paramref name="ignoreCase"/> carries <c>(?i)</c> set inside
        /// the group on to its later branches, as .NET does.</summary>
        public Requirement Alternation(ref bool ignoreCase)
        {
            var branches = new List<Requirement> { Concatenation(ref ignoreCase) };
            while (!AtEnd && Peek() == '|')
            {
                Position++;
                branches.Add(Concatenation(ref ignoreCase));
            }
            if (branches.Count == 1)
            {
                return branches[0];
            }
            Exact? exact = branches[0].Exact;
            foreach (var branch in branches.Skip(1))
            {
                exact = exact is not null && branch.Exact is not null ? exact.Or(branch.Exact) : null;
            }
            // A match is one branch's match, so it holds one set of that branch: each way of taking one set per branch
            // gives a required union. Taken: the best set of every branch, and each branch's next sets with the others' best.
            var candidates = branches.Select(b => b.Candidates().Take(MaxChecksPerBranch).ToArray()).ToArray();
            if (candidates.Any(c => c.Length == 0))
            {
                return new Requirement(exact, []);
            }
            var required = new List<LiteralSet> { Union(candidates.Select(c => c[0])) };
            for (var b = 0; b < candidates.Length; b++)
            {
                foreach (var other in candidates[b].Skip(1))
                {
                    required.Add(Union(candidates.Select((c, i) => i == b ? other : c[0])));
                }
            }
            return new Requirement(exact, required);
        }

        private static LiteralSet Union(IEnumerable<LiteralSet> sets)
        {
            var list = sets.ToList();
            return new LiteralSet(list.SelectMany(s => s.Strings).Distinct().ToArray(), list.Exists(s => s.IgnoreCase));
        }

        private Requirement Concatenation(ref bool ignoreCase)
        {
            var required = new List<LiteralSet>();
            Exact? run = Exact.Empty;
            var whole = true;
            void Close()
            {
                if (run is not null && AsSet(run) is { } set)
                {
                    required.Add(set);
                }
            }
            while (!AtEnd && Peek() is not ('|' or ')'))
            {
                var item = Quantified(ref ignoreCase);
                required.AddRange(item.Required);
                var joined = run is not null && item.Exact is not null ? run.Then(item.Exact) : null;
                if (joined is not null)
                {
                    run = joined;
                    continue;
                }
                whole = false;
                Close();
                run = item.Exact;
            }
            Close();
            return new Requirement(whole ? run : null, required);
        }

        private Requirement Quantified(ref bool ignoreCase)
        {
            var atom = Atom(ref ignoreCase);
            if (!Quantifier(out var min, out var max))
            {
                return atom;
            }
            if (Peek() == '?')
            {
                Position++;
            }
            if (min == 0)
            {
                return max == 1 && atom.Exact?.Or(Exact.Empty) is { } optional ? new Requirement(optional, []) : Requirement.Nothing;
            }
            var exact = atom.Exact;
            for (var i = 1; i < min && exact is not null; i++)
            {
                exact = exact.Then(atom.Exact!);
            }
            var required = atom.Exact is { } once && AsSet(once) is { } set ? atom.Required.Append(set).ToArray() : atom.Required;
            return new Requirement(min == max ? exact : null, required);
        }

        private bool Quantifier(out int min, out int max)
        {
            (min, max) = (1, 1);
            switch (Peek())
            {
                case '*':
                    Position++;
                    (min, max) = (0, int.MaxValue);
                    return true;
                case '+':
                    Position++;
                    (min, max) = (1, int.MaxValue);
                    return true;
                case '?':
                    Position++;
                    (min, max) = (0, 1);
                    return true;
                case '{':
                    var close = pattern.IndexOf('}', Position);
                    if (close < 0)
                    {
                        return false;
                    }
                    var body = pattern.AsSpan(Position + 1, close - Position - 1);
                    var comma = body.IndexOf(',');
                    var first = comma < 0 ? body : body[..comma];
                    var rest = comma < 0 ? first : body[(comma + 1)..];
                    if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out min))
                    {
                        return false;
                    }
                    if (rest.IsEmpty)
                    {
                        max = int.MaxValue;
                    }
                    else if (!int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out max))
                    {
                        return false;
                    }
                    Position = close + 1;
                    return true;
                default:
                    return false;
            }
        }

        private Requirement Atom(ref bool ignoreCase)
        {
            var c = pattern[Position++];
            switch (c)
            {
                case '.':
                    return Requirement.Nothing;
                case '^' or '$':
                    return Requirement.ZeroWidth;
                case '[':
                    return Class(ignoreCase);
                case '\\':
                    return Escape(ignoreCase);
                case '(':
                    return Group(ref ignoreCase);
                case '*' or '+' or '?':
                    throw new UnknownConstruct();
                default:
                    return Literal(c, ignoreCase);
            }
        }

        private static Requirement Literal(char c, bool ignoreCase) => Caseless(c, ignoreCase) is { } exact ? new Requirement(exact, []) : Requirement.Nothing;

        /// <summary>
        /// <paramref name="c"/> as an exact string, or null where case folding makes it more than one string the
        /// search could miss: under <c>(?i)</c> an ASCII letter is searched ignoring case, except k and K, which .NET
        /// also matches to the Kelvin sign (U+212A) that ordinal ignore-case does not; other cased characters give nothing.
        /// </summary>
        private static Exact? Caseless(char c, bool ignoreCase)
        {
            if (!ignoreCase)
            {
                return Exact.Of(c, false);
            }
            if (char.IsAsciiLetter(c))
            {
                return c is 'k' or 'K' ? null : Exact.Of(c, true);
            }
            return c < 128 || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.SpaceSeparator or UnicodeCategory.CurrencySymbol
                or UnicodeCategory.MathSymbol
                ? Exact.Of(c, false)
                : null;
        }

        private Requirement Escape(bool ignoreCase)
        {
            if (AtEnd)
            {
                throw new UnknownConstruct();
            }
            var c = pattern[Position++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'Z' or 'z' or 'G':
                    return Requirement.ZeroWidth;
                case 'd' or 'D' or 'w' or 'W' or 's' or 'S':
                    // \d is every Unicode decimal digit, not 0-9.
                    return Requirement.Nothing;
                case 'p' or 'P':
                    var close = pattern.IndexOf('}', Position);
                    Position = close < 0 ? throw new UnknownConstruct() : close + 1;
                    return Requirement.Nothing;
                default:
                    return Literal(EscapedCharacter(c), ignoreCase);
            }
        }

        /// <summary>The character an escape outside the shorthand classes stands for; throws for backreferences,
        /// octal and control escapes and escapes .NET rejects.</summary>
        private char EscapedCharacter(char c)
        {
            switch (c)
            {
                case 't': return '\t';
                case 'n': return '\n';
                case 'r': return '\r';
                case 'f': return '\f';
                case 'v': return '\v';
                case 'e': return '\u001B';
                case 'a': return '\u0007';
                case 'x' or 'u':
                    var digits = c == 'x' ? 2 : 4;
                    if (Position + digits > pattern.Length
                        || !int.TryParse(pattern.AsSpan(Position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new UnknownConstruct();
                    }
                    Position += digits;
                    return (char)code;
                default:
                    return char.IsAsciiLetterOrDigit(c) ? throw new UnknownConstruct() : c;
            }
        }

        /// <summary>A group whose <c>(</c> was just read: its requirement from <see cref="KnownGroups"/> when its
        /// text was worked out before, else <see cref="GroupBody"/>'s.</summary>
        private Requirement Group(ref bool ignoreCase)
        {
            var open = Position - 1;
            var close = _groupEnds[open];
            if (close - open + 1 < MinKnownGroupLength)
            {
                return GroupBody(ref ignoreCase);
            }
            var key = (pattern.Substring(open, close - open + 1), ignoreCase);
            if (KnownGroups.TryGetValue(key, out var known))
            {
                Position = close + 1;
                return known;
            }
            var before = ignoreCase;
            var requirement = GroupBody(ref ignoreCase);
            // Kept only when the parse took exactly this text and left the case setting alone, so reading the same
            // text again would give the same requirement.
            if (Position == close + 1 && ignoreCase == before)
            {
                if (KnownGroups.Count >= MaxKnownGroups)
                {
                    KnownGroups.Clear();
                }
                KnownGroups[key] = requirement;
            }
            return requirement;
        }

        private Requirement GroupBody(ref bool ignoreCase)
        {
            if (Peek() != '?')
            {
                return Inner(ignoreCase);
            }
            Position++;
            var kind = Peek();
            switch (kind)
            {
                case ':' or '>':
                    Position++;
                    return Inner(ignoreCase);
                case '=':
                    // What a lookahead needs is in the text after the match start, where the prefilter looks.
                    Position++;
                    return new Requirement(Exact.Empty, Inner(ignoreCase).Candidates().ToArray());
                case '!':
                    Position++;
                    Inner(ignoreCase);
                    return Requirement.ZeroWidth;
                case '<' when Peek(1) is '=' or '!':
                    Position += 2;
                    Inner(ignoreCase);
                    return Requirement.ZeroWidth;
                case '<' or '\'':
                    var close = pattern.IndexOf(kind == '<' ? '>' : '\'', Position + 1);
                    Position = close < 0 ? throw new UnknownConstruct() : close + 1;
                    return Inner(ignoreCase);
                case '#':
                    var end = pattern.IndexOf(')', Position);
                    Position = end < 0 ? throw new UnknownConstruct() : end + 1;
                    return Requirement.ZeroWidth;
                default:
                    return Options(ref ignoreCase);
            }
        }

        /// <summary><c>(?imnsx-imnsx)</c>, which changes the rest of the enclosing group, or <c>(?imnsx-imnsx:…)</c>.</summary>
        private Requirement Options(ref bool ignoreCase)
        {
            var on = true;
            var scoped = ignoreCase;
            while (!AtEnd && Peek() is not (')' or ':'))
            {
                switch (pattern[Position++])
                {
                    case '-':
                        on = false;
                        break;
                    case 'i':
                        scoped = on;
                        break;
                    case 'm' or 'n' or 's':
                        break;
                    default:
                        // x (pattern whitespace), conditionals and anything else.
                        throw new UnknownConstruct();
                }
            }
            if (AtEnd)
            {
                throw new UnknownConstruct();
            }
            if (pattern[Position++] == ')')
            {
                ignoreCase = scoped;
                return Requirement.ZeroWidth;
            }
            return Inner(scoped);
        }

        private Requirement Inner(bool ignoreCase)
        {
            var inner = Alternation(ref ignoreCase);
            if (AtEnd || pattern[Position] != ')')
            {
                throw new UnknownConstruct();
            }
            Position++;
            return inner;
        }

        /// <summary>A character class: its characters when few and plain (no negation, shorthand, category or subtraction).</summary>
        private Requirement Class(bool ignoreCase)
        {
            var negated = Peek() == '^';
            if (negated)
            {
                Position++;
            }
            var characters = new HashSet<char>();
            var plain = !negated;
            var first = true;
            while (true)
            {
                if (AtEnd)
                {
                    throw new UnknownConstruct();
                }
                var c = pattern[Position++];
                if (c == ']' && !first)
                {
                    break;
                }
                first = false;
                if (c == '-' && Peek() == '[')
                {
                    // Subtraction: [a-z-[aeiou]].
                    Position++;
                    Class(ignoreCase);
                    if (Peek() != ']')
                    {
                        throw new UnknownConstruct();
                    }
                    Position++;
                    return Requirement.Nothing;
                }
                if (c == '\\')
                {
                    var escaped = AtEnd ? throw new UnknownConstruct() : pattern[Position++];
                    if (escaped is 'd' or 'D' or 'w' or 'W' or 's' or 'S' or 'p' or 'P')
                    {
                        if (escaped is 'p' or 'P')
                        {
                            var close = pattern.IndexOf('}', Position);
                            Position = close < 0 ? throw new UnknownConstruct() : close + 1;
                        }
                        plain = false;
                        continue;
                    }
                    c = escaped == 'b' ? '\b' : EscapedCharacter(escaped);
                }
                var last = c;
                if (Peek() == '-' && Peek(1) is not (']' or '['))
                {
                    Position++;
                    last = pattern[Position++];
                    if (last == '\\')
                    {
                        last = AtEnd ? throw new UnknownConstruct() : EscapedCharacter(pattern[Position++]);
                    }
                }
                if (last - c >= MaxClassSize)
                {
                    plain = false;
                }
                for (var x = c; plain && x <= last; x++)
                {
                    characters.Add(x);
                }
            }
            if (!plain || characters.Count == 0 || characters.Count > MaxClassSize)
            {
                return Requirement.Nothing;
            }
            var strings = new HashSet<string>(StringComparer.Ordinal);
            var folded = false;
            foreach (var c in characters)
            {
                if (Caseless(c, ignoreCase) is not { } one)
                {
                    return Requirement.Nothing;
                }
                strings.UnionWith(one.Strings);
                folded |= one.IgnoreCase;
            }
            return new Requirement(new Exact(strings, folded), []);
        }
    }

    /// <summary>
    /// For each <c>(</c> of <paramref name="pattern"/>, the index of its <c>)</c>, else -1: escapes, character classes
    /// and <c>(?#…)</c> comments skipped. Only where to look a group up in <see cref="KnownGroups"/> depends on it;
    /// a wrong end finds nothing.
    /// </summary>
    private static int[] GroupEnds(string pattern)
    {
        var ends = new int[pattern.Length];
        Array.Fill(ends, -1);
        var open = new Stack<int>();
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = ClassEnd(pattern, i);
                    break;
                case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] == '#':
                    i = pattern.IndexOf(')', i);
                    break;
                case '(':
                    open.Push(i);
                    break;
                case ')' when open.Count > 0:
                    ends[open.Pop()] = i;
                    break;
            }
            if (i < 0)
            {
                break;
            }
        }
        return ends;
    }

    /// <summary>The index of the <c>]</c> closing the class opened at <paramref name="start"/>, else -1.</summary>
    private static int ClassEnd(string pattern, int start)
    {
        var i = start + 1;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }
        for (var first = true; i < pattern.Length; i++, first = false)
        {
            switch (pattern[i])
            {
                case ']' when !first:
                    return i;
                case '\\':
                    i++;
                    break;
                case '-' when i + 1 < pattern.Length && pattern[i + 1] == '[':
                    i = ClassEnd(pattern, i + 1);
                    if (i < 0)
                    {
                        return -1;
                    }
                    break;
            }
        }
        return -1;
    }

    private sealed class LiteralSetComparer : IEqualityComparer<LiteralSet>
    {
        public static LiteralSetComparer Instance { get; } = new();

        public bool Equals(LiteralSet? x, LiteralSet? y) =>
            x is not null && y is not null && x.IgnoreCase == y.IgnoreCase && x.Strings.Order(StringComparer.Ordinal).SequenceEqual(y.Strings.Order(StringComparer.Ordinal));

        public int GetHashCode(LiteralSet set) => set.Strings.Count;
    }
}

/// <summary>Strings at least one of which every match contains; <see cref="IgnoreCase"/>: searched with ordinal ignore-case.</summary>
internal sealed record LiteralSet(IReadOnlyList<string> Strings, bool IgnoreCase);
