namespace FunAsr.Extractors;

/// <summary>An alert raised by a rule with an <c>alert:</c> section.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Severity"><c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
/// <param name="Message">The rule's message template with <c>{field}</c> placeholders filled.</param>
/// <param name="Fields">The fields the rule extracted from this input.</param>
public sealed record RuleAlert(string RuleId, string Severity, string Message, IReadOnlyList<ExtractedField> Fields);
