using FunAsr.Extractors;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>What the rule pack found in one transcript (see <see cref="TranscriptExtraction"/>).</summary>
/// <param name="Transcript">The transcript with redactions applied to the written and spoken forms and the tokens.</param>
/// <param name="Fields">Distinct fields, segment fields first, each with its audio time, channel and speaker when known.</param>
/// <param name="Tags">Distinct tags in ordinal order, plus <c>_&lt;failure kind&gt;</c> for rules that failed.</param>
/// <param name="Alerts">Distinct alerts (by rule and message).</param>
/// <param name="Metrics">The call metrics the rules saw in <c>when: metrics</c>.</param>
internal sealed record TranscriptFindings(
    Transcript Transcript,
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<string> Tags,
    IReadOnlyList<RuleAlert> Alerts,
    IReadOnlyDictionary<string, double> Metrics);
