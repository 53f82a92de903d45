namespace FunAsr.Recognizer;

/// <summary>One recognised token.</summary>
/// <param name="Text">The token's text (spoken form, without SentencePiece's <c>▁</c>).</param>
/// <param name="Start">Onset from the start of the recording (CTC emission frame; 60 ms resolution for SenseVoice).</param>
/// <param name="RawOffset">Character offset of the token in the segment's <see cref="TranscriptSegment.RawText"/>.</param>
public sealed record TranscriptToken(string Text, TimeSpan Start, int RawOffset);
