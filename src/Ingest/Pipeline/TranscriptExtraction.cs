using FunAsr.Extractors;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Transcript → fields, tags, alerts and the redacted transcript; the one place the host's extract stage and the
/// <c>transcribe</c> command run the rule pack. Each segment is extracted on its own (so a field carries the segment's
/// channel, speaker and, through <see cref="SegmentTimeMap"/>, the audio time of its tokens), then the whole
/// transcript once for rules with <c>scope: transcript</c>. Redactions from both passes are merged into the segments
/// and carried to the spoken form (<see cref="TranscriptRedaction"/>). A speaker's adjacent segments with gaps up to
/// <paramref name="joinGap"/> are also joined (<see cref="JoinedSegments"/>) and run as one segment; of that pass only
/// the fields that span two pieces or more are added, so a number read across pauses is one field.
/// </summary>
/// <param name="extractor">The rule pack; null runs none.</param>
/// <param name="joinGap">The longest silence between two segments that are still joined. <value>Default 2 s; zero turns joining off.</value></param>
/// <param name="itn">The ITN for joined spoken text. <value>Default the call-centre profile.</value></param>
internal sealed class TranscriptExtraction(Extractor? extractor, TimeSpan? joinGap = null, InverseNormalizer? itn = null)
{
    /// <summary>The default of the join gap.</summary>
    public static readonly TimeSpan DefaultJoinGap = TimeSpan.FromSeconds(2);

    private static readonly Lazy<InverseNormalizer> CallCentreItn = new(() => InverseNormalizer.Create(ItnOptions.Default));

    /// <summary>Call metrics usable in <c>when: metrics</c>: duration, channels, segments and the VAD call metrics when present.</summary>
    public static Dictionary<string, double> CallMetrics(Transcript transcript)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["duration_seconds"] = transcript.Duration.TotalSeconds,
            ["channels"] = transcript.Channels,
            ["segments"] = transcript.Segments.Count,
        };
        foreach (var (name, value) in transcript.Metrics?.ToDictionary() ?? new Dictionary<string, double>()) metrics[name] = value;
        return metrics;
    }

    /// <summary>Runs the rules (none when the extractor is null: the transcript comes back as it is).</summary>
    /// <param name="transcript">The transcript.</param>
    /// <param name="callDate">The day the call started (sidecar <c>started_at</c>), for relative days; null leaves them relative.</param>
    public TranscriptFindings Extract(Transcript transcript, DateOnly? callDate = null)
    {
        var metrics = CallMetrics(transcript);
        if (extractor is null) return new TranscriptFindings(transcript, [], [], [], metrics);

        var segmentResults = transcript.Segments
            .Select(s => extractor.Extract(new ExtractionInput(s.Text, s.Speaker, s.Channel, s.Language, new SegmentTimeMap(s).TimeOf, metrics) { ReferenceDate = callDate }))
            .ToList();
        var whole = extractor.Extract(new ExtractionInput(transcript.Text, Language: transcript.Language, Metrics: metrics)
        {
            Scope = ExtractionScope.Transcript,
            ReferenceDate = callDate,
        });
        var gap = joinGap ?? DefaultJoinGap;
        var joined = gap <= TimeSpan.Zero ? [] : JoinedSegments.Of(transcript.Segments, gap, itn ?? CallCentreItn.Value)
            .Select(j => (Join: j, Result: extractor.Extract(new ExtractionInput(j.Segment.Text, j.Segment.Speaker, j.Segment.Channel, j.Segment.Language,
                new SegmentTimeMap(j.Segment).TimeOf, metrics) { ReferenceDate = callDate })))
            .ToList();

        var redacted = RedactedSegmentTexts(transcript, segmentResults, whole.RedactedText);
        var segments = transcript.Segments.Select((s, i) => TranscriptRedaction.Apply(s, redacted[i])).ToList();
        var redactedTranscript = transcript with
        {
            Segments = segments,
            Text = string.Join("\n", segments.Select(s => s.Text)),
            RawText = string.Join("\n", segments.Select(s => s.RawText)),
            Turns = transcript.Turns.Count > 0 ? SpeakerTurn.Merge(segments) : transcript.Turns,
        };

        var fields = new List<ExtractedField>();
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        var alerts = new List<RuleAlert>();
        void Collect(ExtractionResult result, string text, string redactedText)
        {
            // A rule without a scope runs on segments and on the whole transcript; keep its first finding only.
            foreach (var field in result.Fields.Select(f => TranscriptRedaction.Apply(f, text, redactedText)))
                if (!fields.Any(x => x.Name == field.Name && x.ValueText == field.ValueText)) fields.Add(field);
            foreach (var alert in result.Alerts.Select(a => TranscriptRedaction.Apply(a, text, redactedText)))
                if (!alerts.Any(x => x.RuleId == alert.RuleId && x.Message == alert.Message)) alerts.Add(alert);
            tags.UnionWith(result.Tags);
            tags.UnionWith(result.Failures.Select(f => "_" + f.Kind));
        }
        for (var i = 0; i < segments.Count; i++) Collect(segmentResults[i], transcript.Segments[i].Text, segments[i].Text);
        Collect(whole, transcript.Text, redactedTranscript.Text);
        foreach (var (join, result) in joined)
        {
            Collect(result with { Fields = [.. result.Fields.Where(f => join.Spans(f.Start, f.Length))], Tags = [], Alerts = [], Failures = [] },
                join.Segment.Text, result.RedactedText);
        }
        return new TranscriptFindings(redactedTranscript, fields, [.. tags], alerts, metrics);
    }

    /// <summary>
    /// Each segment's written text with its own pass's masks and those of the whole-transcript pass (whose text is
    /// the segments joined by newlines) merged.
    /// </summary>
    private static string[] RedactedSegmentTexts(Transcript transcript, IReadOnlyList<ExtractionResult> segmentResults, string wholeRedacted)
    {
        var texts = new string[transcript.Segments.Count];
        var offset = 0;
        var wholeMatches = wholeRedacted.Length == transcript.Text.Length &&
                           transcript.Text == string.Join("\n", transcript.Segments.Select(s => s.Text));
        for (var i = 0; i < texts.Length; i++)
        {
            var original = transcript.Segments[i].Text;
            var chars = segmentResults[i].RedactedText.ToCharArray();
            if (wholeMatches)
            {
                for (var k = 0; k < chars.Length; k++)
                    if (wholeRedacted[offset + k] != original[k]) chars[k] = wholeRedacted[offset + k];
            }
            texts[i] = new string(chars);
            offset += original.Length + 1;
        }
        return texts;
    }
}
