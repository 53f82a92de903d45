using System.Text;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors.Export;

/// <summary>
/// A rule as one plain Onigmo regex (Fluent Bit's and Vector's engine, Ruby's): the grok references expanded the way
/// Logstash expands them, pattern bodies left as written (Onigmo reads <c>\h</c>, POSIX classes and <c>(?m)</c>
/// natively, so none of the .NET rewrites of <see cref="GrokCompiler"/> apply), and every capture a named group
/// <c>&lt;prefix&gt;&lt;field&gt;</c> with characters other than ASCII letters, digits and <c>_</c> made <c>_</c>.
/// A field captured by several alternatives appears as several groups of the same name, which Onigmo allows.
/// </summary>
internal static class OnigmoRuleRegex
{
    private const int MaxDepth = 64;

    public static string For(Rule rule, string groupPrefix = "")
    {
        var output = new StringBuilder();
        for (var i = 0; i < rule.Patterns.Count; i++)
        {
            output.Append(i == 0 ? "(?:" : "|(?:");
            ExpandInto(output, rule.Patterns[i], rule.Library, groupPrefix, [], 0);
            output.Append(')');
        }
        return output.ToString();
    }

    /// <summary>The group name a field gets: <c>hours.start</c> → <c>hours_start</c>.</summary>
    public static string GroupName(string groupPrefix, string field) =>
        groupPrefix + new string(field.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());

    private static void ExpandInto(StringBuilder output, string body, PatternLibrary library, string groupPrefix, Dictionary<string, string> inline, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new GrokPatternException($"pattern references nest deeper than {MaxDepth} in `{body}`");
        }
        var classStart = -1;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\\' && i + 1 < body.Length)
            {
                output.Append(c).Append(body[++i]);
                continue;
            }
            if (classStart >= 0)
            {
                // A POSIX class inside a bracket ends with its own "]", which does not close the bracket.
                var posixEnd = c == '[' && i + 1 < body.Length && body[i + 1] == ':' ? body.IndexOf(":]", i + 2, StringComparison.Ordinal) : -1;
                if (posixEnd >= 0)
                {
                    output.Append(body, i, posixEnd + 2 - i);
                    i = posixEnd + 1;
                    continue;
                }
                if (c == ']' && i > classStart)
                {
                    classStart = -1;
                }
                output.Append(c);
                continue;
            }
            if (c == '[')
            {
                classStart = i + 1 < body.Length && body[i + 1] == '^' ? i + 2 : i + 1;
                output.Append(c);
            }
            else if (c == '%' && i + 1 < body.Length && body[i + 1] == '{' && GrokReference.Parse(body, i) is { } reference)
            {
                if (reference.Definition is not null)
                {
                    inline[reference.Name] = reference.Definition;
                }
                var definition = inline.TryGetValue(reference.Name, out var own) ? own
                    : library.TryGet(reference.Name, out var known) ? known.Body
                    : throw new GrokPatternException($"pattern %{{{reference.Name}}} is not defined");
                output.Append(reference.Field is null ? "(?:" : $"(?<{GroupName(groupPrefix, string.Join('.', GrokCapture.ParsePath(reference.Field)))}>");
                ExpandInto(output, definition, library, groupPrefix, inline, depth + 1);
                output.Append(')');
                i = reference.End;
            }
            else if (c == '(' && i + 3 < body.Length && body[i + 1] == '?' && body[i + 2] == '<' && body[i + 3] is not ('=' or '!')
                && body.IndexOf('>', i + 3) is var close and > 0)
            {
                output.Append("(?<").Append(GroupName(groupPrefix, body[(i + 3)..close])).Append('>');
                i = close;
            }
            else
            {
                output.Append(c);
            }
        }
    }
}
