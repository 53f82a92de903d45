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
    public RulePlan(Rule rule)
    {
        Rule = rule;
        DeclaredFields = rule.Expressions
            .Select(e => e.Captures.Select(c => rule.Fields.FirstOrDefault(f => f.Name == c.DottedName)).ToArray())
            .ToArray();
        RedactedCaptures = rule.Expressions
            .Select(e => e.Captures.Select(c => rule.Redact is { } r && r.Fields.Contains(c.DottedName)).ToArray())
            .ToArray();
        TestOnly = !rule.MatchAll && rule.Redact is null && rule.Expressions.All(e => e.Captures.Count == 0)
            && (rule.Alert is null || !AlertTemplate.Placeholders(rule.Alert.Message).Contains("text"));
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>Per expression, per capture: the rule's declared field of that name, or null (typed by the capture suffix).</summary>
    public RuleField?[][] DeclaredFields { get; }

    /// <summary>Per expression, per capture: whether <c>redact.fields</c> names it.</summary>
    public bool[][] RedactedCaptures { get; }

    /// <summary>True when a match yields no fields, spans or text, so <see cref="GrokExpression.IsMatch"/> decides the rule.</summary>
    public bool TestOnly { get; }
}
