namespace FunAsr.Recognizer.Decoding;

/// <summary>One emitted CTC token.</summary>
/// <param name="Id">Token id.</param>
/// <param name="Frame">Output frame index (after subsampling, counting the prompt frames) where the token was emitted.</param>
internal readonly record struct CtcToken(int Id, int Frame);
