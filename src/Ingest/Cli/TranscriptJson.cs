using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Calls;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// The JSON document <c>transcribe</c> writes per recording (snake_case via <see cref="DocumentJson"/>; times
/// in seconds): <c>file</c>, <c>duration_s</c>, <c>channels</c>, <c>language</c>, <c>segments</c>, <c>text</c>,
/// <c>raw_text</c>, <c>fields</c>, <c>tags</c>, <c>alerts</c> (from the rule pack; redactions applied to text, raw_text
/// and tokens), <c>device</c>, <c>model</c>, <c>vad</c>, <c>turns</c> (speaker-labelled, time-ordered)
/// and <c>metrics</c> (call metrics: talk/silence/overlap seconds, interruptions, per speaker; absent with VAD off).
/// </summary>
internal sealed record TranscriptJson(
    string File,
    double DurationS,
    int Channels,
    string Language,
    IReadOnlyList<TranscriptJson.Segment> Segments,
    string Text,
    string RawText,
    IReadOnlyList<ExtractedField> Fields,
    IReadOnlyList<string> Tags,
    IReadOnlyList<RuleAlert> Alerts,
    string Device,
    string Model,
    string Vad,
    IReadOnlyList<SpeakerTurn> Turns,
    IReadOnlyDictionary<string, double>? Metrics)
{
    /// <summary>Builds the document from what <see cref="TranscriptExtraction"/> made of a transcript.</summary>
    public static TranscriptJson From(string file, TranscriptFindings findings) => From(file, findings.Transcript, findings);

    private static TranscriptJson From(string file, Transcript transcript, TranscriptFindings findings) => new(
        file,
        Math.Round(transcript.Duration.TotalSeconds, 3),
        transcript.Channels,
        transcript.Language,
        transcript.Segments.Select(s => new Segment(
            s.Start, s.End, s.Channel, s.Speaker, s.Language, s.Text, s.RawText, s.Emotion, s.Event,
            s.Tokens.Select(t => new Token(t.Text, t.Start)).ToArray(), s.Timestamps)).ToArray(),
        transcript.Text,
        transcript.RawText,
        findings.Fields,
        findings.Tags,
        findings.Alerts,
        transcript.Device,
        transcript.ModelId,
        transcript.VadMethod,
        transcript.Turns,
        transcript.Metrics?.ToDictionary());

    /// <summary>One segment: <c>start</c>/<c>end</c> in seconds, <c>channel</c>, <c>text</c> (written), <c>raw_text</c> (spoken,
    /// or for the Fun-ASR-Nano LLM what the model wrote), <c>tokens</c>, and <c>timestamps</c>: <c>approximate</c> when the
    /// token onsets are spread over the segment (the LLM path), absent when they are aligned.</summary>
    internal sealed record Segment(
        TimeSpan Start, TimeSpan End, int Channel, string? Speaker, string Language, string Text, string RawText,
        string Emotion, string Event, IReadOnlyList<Token> Tokens, string? Timestamps = null);

    /// <summary>One token: <c>text</c> and onset <c>start</c> in seconds from the start of the recording.</summary>
    internal sealed record Token(string Text, TimeSpan Start);
}
