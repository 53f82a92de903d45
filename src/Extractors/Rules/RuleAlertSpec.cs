namespace FunAsr.Extractors.Rules;

/// <summary>A rule's <c>alert:</c> section.</summary>
/// <param name="Severity"><c>info</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</param>
/// <param name="Message">Template; <c>{field}</c> is replaced by the field's canonical value (several values joined
/// with ", "), <c>{text}</c> by the matched text, <c>{rule}</c> by the rule id.</param>
public sealed record RuleAlertSpec(string Severity, string Message)
{
    /// <summary>The severities a rule may use.</summary>
    public static IReadOnlyList<string> Severities { get; } = ["info", "low", "medium", "high", "critical"];
}
