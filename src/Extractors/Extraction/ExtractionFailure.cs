namespace FunAsr.Extractors;

/// <summary>A rule that could not run to completion on this input; the other rules still ran.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Kind"><c>regex_timeout</c> (the match ran past the rule's timeout, as grok's <c>_groktimeout</c>) or
/// <c>normalize_failed</c> (a capture could not be read as its field type; the raw text is kept as the value).</param>
/// <param name="Message">Details naming the pattern or field.</param>
public sealed record ExtractionFailure(string RuleId, string Kind, string Message);
