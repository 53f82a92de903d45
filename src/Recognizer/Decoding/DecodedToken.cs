namespace FunAsr.Recognizer.Decoding;

/// <summary>A text token of a decoded utterance.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Text">The piece as it appears in the text (without the <c>▁</c> marker).</param>
/// <param name="Start">Onset relative to the start of the segment: frame shift × (t − prompt frames).</param>
/// <param name="RawOffset">Character offset of <paramref name="Text"/> in <see cref="DecodedUtterance.Text"/>.</param>
internal readonly record struct DecodedToken(int Id, string Text, TimeSpan Start, int RawOffset);
