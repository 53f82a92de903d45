using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors;

/// <summary>
/// What <see cref="Extractor"/> needs to run one rule, worked out once at load instead of per match: the declared
/// field behind each capture of each expression, which captures are redacted, and whether the rule only tags (no
/// captures, no redaction, no <c>{text}</c> in its alert, first-match mode), in which case a match test is enough.
/// </summary>
internal sealed class RulePlan
{
    /// <param name="rule">The rule.</param>
    /// <param name="firstExpression">The <see cref="CombinedPrefilter"/> number of the first expression it runs.</param>
    public RulePlan(Rule rule, int firstExpression)
    {
        Rule = rule;
        FirstExpression = firstExpression;
        DeclaredFields = rule.Expressions
            .Select(e => e.Captures.Select(c => rule.Fields.FirstOrDefault(f => f.Name == c.DottedName)).ToArray())
            .ToArray();
        RedactedCaptures = rule.Expressions
            .Select(e => e.Captures.Select(c => rule.Redact is { } r && r.Fields.Contains(c.DottedName)).ToArray())
            .ToArray();
        TestOnly = !rule.MatchAll && rule.Redact is null && rule.Expressions.All(e => e.Captures.Count == 0)
            && (rule.Alert is null || !AlertTemplate.Placeholders(rule.Alert.Message).Contains("text"));
        Expressions = [.. rule.Expressions];
        ScannedExpressions = TestOnly ? [.. Combined(rule.Expressions)] : Expressions;
        Conditional = !rule.When.StatesNothing;
    }

    /// <summary>
    /// For a test-only rule, "any expression matches" is one scan of their alternation; the expressions are joined
    /// when they share engine options and timeout (else, or when the alternation does not compile, kept apart).
    /// </summary>
    private static IReadOnlyList<GrokExpression> Combined(IReadOnlyList<GrokExpression> expressions)
    {
        if (expressions.Count < 2
            || expressions.Any(e => e.Regex.Options != expressions[0].Regex.Options || e.Regex.MatchTimeout != expressions[0].Regex.MatchTimeout))
        {
            return expressions;
        }
        var expanded = string.Join('|', expressions.Select(e => $"(?:{e.Expanded})"));
        try
        {
            var regex = new Regex(expanded, expressions[0].Regex.Options, expressions[0].Regex.MatchTimeout);
            return [new GrokExpression(string.Join('|', expressions.Select(e => e.Grok)), expanded, regex, [])];
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return expressions;
        }
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>Per expression, per capture: the rule's declared field of that name, or null (typed by the capture suffix).</summary>
    public RuleField?[][] DeclaredFields { get; }

    /// <summary>Per expression, per capture: whether <c>redact.fields</c> names it.</summary>
    public bool[][] RedactedCaptures { get; }

    /// <summary>The <see cref="CombinedPrefilter"/> number of the first of <see cref="ScannedExpressions"/>; the others follow.</summary>
    public int FirstExpression { get; }

    /// <summary>The rule's expressions, as an array: read for every rule on every text.</summary>
    public GrokExpression[] Expressions { get; }

    /// <summary>The expressions run over a text: for a <see cref="TestOnly"/> rule its expressions joined into one where
    /// possible, else the rule's.</summary>
    public GrokExpression[] ScannedExpressions { get; }

    /// <summary>False when the rule's <c>when:</c> states nothing, so every input is admitted without checking.</summary>
    public bool Conditional { get; }

    /// <summary>True when a match yields no fields, spans or text, so <see cref="GrokExpression.IsMatch"/> decides the rule.</summary>
    public bool TestOnly { get; }
}
