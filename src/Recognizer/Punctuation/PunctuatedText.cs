namespace FunAsr.Recognizer.Punctuation;

/// <summary>Text with punctuation inserted, and where each character of the input went.</summary>
/// <param name="Text">The punctuated text.</param>
/// <param name="Offsets">For each input offset 0…n (n = input length), its offset in <paramref name="Text"/>; a dropped
/// space maps to where the next kept character went.</param>
internal sealed record PunctuatedText(string Text, int[] Offsets);
