namespace FunAsr.Extractors.Rules;

/// <summary>
/// One <c>examples:</c> entry: input text and what the rule must extract from it. Examples are the rule's own tests
/// (<c>rules test</c>, unit tests). An example with no <c>fields</c> and no <c>tags</c> asserts the rule does not match.
/// </summary>
/// <param name="Text">Input text (written form).</param>
/// <param name="Fields">Expected fields: name → canonical values in order (one value is the usual case).</param>
/// <param name="Tags">Expected tags (the rule's tags when it matches).</param>
/// <param name="Redacted">Expected redacted text, when the rule redacts.</param>
/// <param name="Speaker">Speaker to run the example as.</param>
/// <param name="Language">Language to run the example as.</param>
/// <param name="Location">Where the example is.</param>
public sealed record RuleExample(
    string Text,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fields,
    IReadOnlyList<string> Tags,
    string? Redacted,
    string? Speaker,
    string? Language,
    SourceLocation Location)
{
    /// <summary>True when the example asserts that the rule does not match.</summary>
    public bool ExpectsNoMatch => Fields.Count == 0 && Tags.Count == 0 && Redacted is null;
}
