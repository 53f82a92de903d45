namespace FunAsr.Extractors;

/// <summary>What a rule set found in one input.</summary>
/// <param name="Fields">Every extracted field, in rule order then text order.</param>
/// <param name="Tags">Tags of the rules that matched, deduplicated, in first-seen order.</param>
/// <param name="Alerts">One alert per matching rule that has an <c>alert:</c>.</param>
/// <param name="Failures">Rules that timed out or could not normalize a capture.</param>
/// <param name="RedactedText">The input text with the spans of <c>redact:</c> rules masked (same length, so offsets hold).</param>
public sealed record ExtractionResult(
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<string> Tags,
    IReadOnlyList<RuleAlert> Alerts,
    IReadOnlyList<ExtractionFailure> Failures,
    string RedactedText);
