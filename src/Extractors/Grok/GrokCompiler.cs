using System.Text;
using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// Turns a grok expression into a .NET <see cref="Regex"/>: expands <c>%{NAME}</c>, <c>%{NAME:field}</c>,
/// <c>%{NAME:field:type}</c> and inline <c>%{NAME=regex}</c> recursively against a <see cref="PatternLibrary"/>,
/// detects circular references, gives every capture (also raw <c>(?&lt;name&gt;…)</c>) a generated group name with
/// a side table, and rewrites the Oniguruma constructs .NET reads differently (<c>\h</c>, POSIX classes,
/// <c>(?m)</c>). See ../shared/spec/grok.md §2 for the differences. Thread-safe.
/// </summary>
internal sealed class GrokCompiler(PatternLibrary library, GrokCompileOptions? options = null)
{
    private const int MaxDepth = 64;

    /// <summary>The options every expression is compiled with.</summary>
    public GrokCompileOptions Options { get; } = options ?? GrokCompileOptions.Default;

    /// <summary>The library references are resolved against.</summary>
    public PatternLibrary Library { get; } = library;

    /// <summary>Expands and compiles <paramref name="grok"/>; throws <see cref="GrokPatternException"/> naming the problem.</summary>
    public GrokExpression Compile(string grok)
    {
        var expansion = new Expansion();
        var output = new StringBuilder(grok.Length * 4);
        ExpandInto(output, grok, [], expansion);
        var expanded = output.ToString();
        return new GrokExpression(grok, expanded, Build(expanded), expansion.Captures);
    }

    /// <summary>Names every pattern <paramref name="grok"/> references, directly or through other patterns.</summary>
    public IReadOnlySet<string> ReferencedPatterns(string grok)
    {
        var expansion = new Expansion();
        ExpandInto(new StringBuilder(), grok, [], expansion);
        return expansion.Referenced;
    }

    private Regex Build(string expanded)
    {
        var flags = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Multiline;
        if (Options.DotMatchesNewline)
        {
            flags |= RegexOptions.Singleline;
        }
        if (Options.PreferNonBacktracking)
        {
            try
            {
                return new Regex(expanded, flags | RegexOptions.NonBacktracking, Options.MatchTimeout);
            }
            catch (NotSupportedException)
            {
                // Lookarounds, backreferences or atomic groups: fall through to the backtracking engine.
            }
            catch (ArgumentException)
            {
                // Reported with the backtracking engine's message below.
            }
        }
        Regex regex;
        try
        {
            regex = new Regex(expanded, Options.CompileToIL && expanded.Length <= Options.CompileToILMaxLength ? flags | RegexOptions.Compiled : flags, Options.MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new GrokPatternException($"the expanded regex does not compile: {e.Message}", e);
        }
        return regex;
    }

    private void ExpandInto(StringBuilder output, string body, List<string> chain, Expansion expansion)
    {
        var inClass = false;
        var classFirst = -1;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                var next = body[++i];
                output.Append(next == 'h' ? (inClass ? "0-9A-Fa-f" : "[0-9A-Fa-f]") : $"\\{next}");
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < body.Length && body[i + 1] == ':' && TryPosixClass(body, i, out var replacement, out var end))
                {
                    output.Append(replacement);
                    i = end;
                    continue;
                }
                inClass = c != ']' || i == classFirst;
                output.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    output.Append(c);
                    if (i + 1 < body.Length && body[i + 1] == '^')
                    {
                        output.Append('^');
                        i++;
                    }
                    classFirst = i + 1;
                    break;
                case '%' when i + 1 < body.Length && body[i + 1] == '{':
                    i = ExpandReference(output, body, i, chain, expansion);
                    break;
                case '(' when TryNamedGroup(body, i, out var name, out var end):
                    var capture = expansion.Add(name, GrokValueType.String, patternName: null);
                    output.Append("(?<").Append(capture.GroupName).Append('>');
                    i = end;
                    break;
                case '(' when string.CompareOrdinal(body, i, "(?m)", 0, 4) == 0:
                    output.Append("(?s)");
                    i += 3;
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }

    private int ExpandReference(StringBuilder output, string body, int start, List<string> chain, Expansion expansion)
    {
        var reference = GrokReference.Parse(body, start)
            ?? throw new GrokPatternException($"malformed pattern reference at offset {start} in `{body}` (expected %{{NAME}}, %{{NAME:field}} or %{{NAME:field:type}})");
        if (reference.Definition is not null)
        {
            expansion.Inline[reference.Name] = reference.Definition;
        }
        var definition = expansion.Inline.TryGetValue(reference.Name, out var inline)
            ? inline
            : Library.TryGet(reference.Name, out var known)
                ? known.Body
                : throw new GrokPatternException(UndefinedMessage(reference.Name, chain));
        if (chain.Contains(reference.Name))
        {
            throw new GrokPatternException(
                $"pattern %{{{reference.Name}}} refers back to itself: {string.Join(" → ", chain.SkipWhile(n => n != reference.Name))} → {reference.Name}");
        }
        if (chain.Count >= MaxDepth)
        {
            throw new GrokPatternException($"pattern references nest deeper than {MaxDepth}: {string.Join(" → ", chain)}");
        }
        expansion.Referenced.Add(reference.Name);
        var fieldName = reference.Field ?? (Options.NamedCapturesOnly ? null : reference.Name);
        if (fieldName is null)
        {
            output.Append("(?:");
        }
        else
        {
            var capture = expansion.Add(fieldName, GrokCapture.ParseType(reference.Type), reference.Name);
            output.Append("(?<").Append(capture.GroupName).Append('>');
        }
        chain.Add(reference.Name);
        ExpandInto(output, definition, chain, expansion);
        chain.RemoveAt(chain.Count - 1);
        output.Append(')');
        return reference.End;
    }

    private string UndefinedMessage(string name, List<string> chain)
    {
        var near = Library.Names
            .Where(n => n.Length >= 3 && name.Length >= 3 && (n.StartsWith(name[..3], StringComparison.Ordinal) || n.Contains(name, StringComparison.Ordinal)))
            .Take(6)
            .ToList();
        var via = chain.Count == 0 ? "" : $" (referenced from %{{{chain[^1]}}})";
        var hint = near.Count == 0 ? "" : $" (known: {string.Join(", ", near)})";
        return $"pattern %{{{name}}} is not defined{via}{hint}";
    }

    private static bool TryNamedGroup(string body, int start, out string name, out int end)
    {
        name = "";
        end = start;
        if (start + 3 >= body.Length || body[start + 1] != '?')
        {
            return false;
        }
        var open = body[start + 2];
        var close = open == '<' ? '>' : open == '\'' ? '\'' : '\0';
        if (close == '\0' || (open == '<' && body[start + 3] is '=' or '!'))
        {
            return false;
        }
        var closeAt = body.IndexOf(close, start + 3);
        if (closeAt < 0)
        {
            return false;
        }
        name = body[(start + 3)..closeAt];
        end = closeAt;
        return name.Length > 0;
    }

    private static bool TryPosixClass(string body, int start, out string replacement, out int end)
    {
        replacement = "";
        end = body.IndexOf(":]", start + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }
        replacement = body[(start + 2)..end] switch
        {
            "alnum" => @"\p{L}\p{Nd}",
            "alpha" => @"\p{L}",
            "digit" => "0-9",
            "xdigit" => "0-9A-Fa-f",
            "upper" => @"\p{Lu}",
            "lower" => @"\p{Ll}",
            "space" => @"\s",
            "blank" => @" \t",
            "punct" => @"\p{P}\p{S}",
            "word" => @"\w",
            "cntrl" => @"\p{Cc}",
            "print" => @"\P{C}",
            "graph" => @"\p{L}\p{M}\p{N}\p{P}\p{S}",
            _ => "",
        };
        end += 1;
        return replacement.Length > 0;
    }

    private sealed class Expansion
    {
        public List<GrokCapture> Captures { get; } = [];

        public Dictionary<string, string> Inline { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Referenced { get; } = new(StringComparer.Ordinal);

        public GrokCapture Add(string fieldName, GrokValueType type, string? patternName)
        {
            var capture = new GrokCapture($"g{Captures.Count}", fieldName, GrokCapture.ParsePath(fieldName), type, patternName);
            Captures.Add(capture);
            return capture;
        }
    }
}
