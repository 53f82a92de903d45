namespace FunAsr.Recognizer.Decoding;

/// <summary>The decoded output of one segment: prompt tags and the spoken-form text with its tokens.</summary>
/// <param name="Language">Language tag without brackets (<c>zh</c>, <c>en</c>…), or empty when the model emitted none.</param>
/// <param name="Emotion">Emotion tag (<c>NEUTRAL</c>, <c>HAPPY</c>…), or empty.</param>
/// <param name="Event">Audio event tag (<c>Speech</c>, <c>BGM</c>…), or empty.</param>
/// <param name="Text">Spoken-form text: pieces joined, <c>▁</c> as a space, CJK without spaces.</param>
/// <param name="Tokens">Text tokens in order.</param>
internal sealed record DecodedUtterance(string Language, string Emotion, string Event, string Text, IReadOnlyList<DecodedToken> Tokens);
