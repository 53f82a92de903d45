using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// Reads a grok pattern file in the Logstash format: one <c>NAME regex</c> per line, leading whitespace ignored,
/// <c>#</c> starts a comment line, the body runs to the end of the line (trailing spaces are kept, as jls-grok does).
/// </summary>
internal static partial class PatternFile
{
    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9_]+)[ \t]+(?<body>.*?)\r?$")]
    private static partial Regex DefinitionLine();

    /// <summary>Parses <paramref name="text"/>; a line that is neither blank, comment nor definition throws, naming its line.</summary>
    public static IReadOnlyList<GrokPatternDefinition> Parse(string text, string source)
    {
        var definitions = new List<GrokPatternDefinition>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }
            var match = DefinitionLine().Match(line);
            if (!match.Success || match.Groups["body"].Length == 0)
            {
                throw new GrokPatternException(
                    $"expected `NAME regex` (a name of letters, digits or _, whitespace, then the regex), found `{trimmed}`")
                {
                    Line = i + 1,
                };
            }
            definitions.Add(new GrokPatternDefinition(match.Groups["name"].Value, match.Groups["body"].Value, source, i + 1));
        }
        return definitions;
    }
}
