using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors.Export;

/// <summary>
/// A rule as one self-contained grok pattern for engines that take <c>pattern_definitions</c> (Elasticsearch ingest,
/// Logstash): every pattern it uses from our library (their own copies differ), plus a marker pattern
/// <c>FUNASR_RULE_&lt;ID&gt;</c> that is the rule's expressions as one alternation.
/// </summary>
internal sealed partial record GrokDefinitions(string MarkerPattern, string Slug, IReadOnlyList<KeyValuePair<string, string>> Definitions)
{
    /// <param name="rule">The rule.</param>
    /// <param name="captureNamespace">An object every capture is written under (<c>extracted</c>: <c>%{PHONE:phone}</c> →
    /// <c>%{PHONE:extracted.phone}</c>), or null to keep the rule's own field names.</param>
    public static GrokDefinitions For(Rule rule, string? captureNamespace = null)
    {
        var compiler = new GrokCompiler(rule.Library);
        var definitions = new List<KeyValuePair<string, string>>();
        foreach (var name in rule.Patterns.SelectMany(compiler.ReferencedPatterns).Distinct().Order(StringComparer.Ordinal))
        {
            rule.Library.TryGet(name, out var definition);
            definitions.Add(new(name, definition.Body));
        }
        var slug = Slugify(rule);
        var marker = "FUNASR_RULE_" + slug.ToUpperInvariant();
        definitions.Add(new(marker, Alternation(rule, captureNamespace)));
        return new GrokDefinitions(marker, slug, definitions);
    }

    /// <summary>The rule id with every character other than an ASCII letter or digit made <c>_</c>: <c>phone.cn</c> → <c>phone_cn</c>.</summary>
    public static string Slugify(Rule rule) => new(rule.Id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    /// <summary>The rule's expressions as one alternation, each in a non-capturing group, captures moved under <paramref name="captureNamespace"/> when given.</summary>
    public static string Alternation(Rule rule, string? captureNamespace = null) => string.Join("|", rule.Patterns.Select(p =>
        "(?:" + (captureNamespace is null ? p : CaptureField().Replace(p, m =>
            m.Groups[2].Value.StartsWith(captureNamespace + ".", StringComparison.Ordinal) ? m.Value : $"%{{{m.Groups[1].Value}:{captureNamespace}.{m.Groups[2].Value}")) + ")"));

    /// <summary>The start of a named capture <c>%{PATTERN:field</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"%\{(\w+):([^}:]+)")]
    private static partial System.Text.RegularExpressions.Regex CaptureField();
}
