namespace FunAsr.Extractors;

/// <summary>
/// The text a rule set runs over: a segment or a whole transcript (written form, after ITN), or any line of text.
/// </summary>
/// <param name="Text">The text; offsets in results refer to it.</param>
/// <param name="Speaker">Speaker label (<c>agent</c>, <c>customer</c>…), for <c>when: speaker</c>.</param>
/// <param name="Channel">Audio channel, for <c>when: channel</c>.</param>
/// <param name="Language"><c>zh</c>, <c>en</c>…; null or <c>auto</c> lets rules of every language run.</param>
/// <param name="TimeOfSpan">Maps a written-form span (start, length) to audio time, or null when unknown.</param>
/// <param name="Metrics">Call metrics usable in <c>when: metrics</c> (e.g. <c>silence_ratio</c>).</param>
public sealed record ExtractionInput(
    string Text,
    string? Speaker = null,
    int? Channel = null,
    string? Language = null,
    Func<int, int, (TimeSpan Start, TimeSpan End)?>? TimeOfSpan = null,
    IReadOnlyDictionary<string, double>? Metrics = null)
{
    /// <summary>Whether this is a segment or a whole transcript. <value>Default <see cref="ExtractionScope.Segment"/>.</value></summary>
    public ExtractionScope Scope { get; init; } = ExtractionScope.Segment;

    /// <summary>The call's date (the sidecar's <c>started_at</c>), against which relative days (明天, next Monday)
    /// resolve; null leaves them relative (<c>today+1</c>).</summary>
    public DateOnly? ReferenceDate { get; init; }
}
