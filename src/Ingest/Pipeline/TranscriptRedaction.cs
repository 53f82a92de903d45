using FunAsr.Extractors;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Carries the masks of <c>redact:</c> rules (applied by the extractor to the written form, same length) over to
/// what else would still show the redacted words: the spoken form (<c>raw_text</c>, through the segment's ITN spans),
/// the token texts, the extracted fields' matched text and value, and alerts (their fields and message).
/// </summary>
internal static class TranscriptRedaction
{
    /// <summary>
    /// The segment with <paramref name="redactedText"/> as its written form and the same characters masked in the
    /// spoken form and tokens. A masked character inside a digit-for-digit replacement (一三八 → 138) masks its own
    /// spoken character, so "keep the last 4" holds there too; inside any other replacement the whole spoken
    /// replacement is masked, because part of it has no exact spoken counterpart.
    /// </summary>
    public static TranscriptSegment Apply(TranscriptSegment segment, string redactedText)
    {
        if (redactedText.Length != segment.Text.Length)
            throw new ArgumentException($"the redacted text has {redactedText.Length} characters, the segment {segment.Text.Length}", nameof(redactedText));
        if (redactedText == segment.Text) return segment;
        var itn = new ItnResult(segment.Text, segment.RawText, segment.ItnSpans);
        var spoken = segment.RawText.ToCharArray();
        var masked = new bool[spoken.Length];
        for (var i = 0; i < redactedText.Length; i++)
        {
            if (redactedText[i] == segment.Text[i]) continue;
            var mask = redactedText[i];
            var span = segment.ItnSpans.FirstOrDefault(s => s.TargetStart <= i && i < s.TargetStart + s.TargetLength);
            var (start, length) = span is not null && span.SourceLength == span.TargetLength
                ? (span.SourceStart + i - span.TargetStart, 1)
                : itn.ToSpokenRange(i, 1);
            for (var k = start; k < start + length; k++)
            {
                if (char.IsWhiteSpace(spoken[k])) continue;
                spoken[k] = mask;
                masked[k] = true;
            }
        }
        var tokens = segment.Tokens.Select((token, index) =>
        {
            var end = index + 1 < segment.Tokens.Count ? segment.Tokens[index + 1].RawOffset : spoken.Length;
            return Enumerable.Range(token.RawOffset, Math.Max(0, Math.Min(end, spoken.Length) - token.RawOffset)).Any(k => masked[k])
                ? token with { Text = new string(spoken, token.RawOffset, Math.Min(token.Text.Length, spoken.Length - token.RawOffset)) }
                : token;
        }).ToList();
        return segment with { Text = redactedText, RawText = new string(spoken), Tokens = tokens };
    }

    /// <summary>The alert with its fields masked as <see cref="Apply(ExtractedField, string, string)"/> does, and their matched text masked in its message.</summary>
    public static RuleAlert Apply(RuleAlert alert, string originalText, string redactedText)
    {
        var fields = alert.Fields.Select(f => Apply(f, originalText, redactedText)).ToList();
        var message = alert.Message;
        for (var i = 0; i < fields.Count; i++)
            if (!ReferenceEquals(fields[i], alert.Fields[i]) && alert.Fields[i].Text.Length > 0)
                message = message.Replace(alert.Fields[i].Text, fields[i].Text, StringComparison.Ordinal);
        return alert with { Fields = fields, Message = message };
    }

    /// <summary>
    /// The field with its matched text (and value) taken from <paramref name="redactedText"/> when any of its
    /// characters were masked there; <paramref name="originalText"/> is the text the field's offsets refer to.
    /// </summary>
    public static ExtractedField Apply(ExtractedField field, string originalText, string redactedText)
    {
        if (field.Start < 0 || field.Start + field.Length > redactedText.Length) return field;
        var masked = redactedText.Substring(field.Start, field.Length);
        return masked == originalText.Substring(field.Start, field.Length) ? field : field with { Text = masked, Value = masked };
    }
}
