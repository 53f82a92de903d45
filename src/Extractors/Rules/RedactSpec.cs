namespace FunAsr.Extractors.Rules;

/// <summary>
/// A rule's <c>redact:</c> section: mask matched spans in <see cref="ExtractionResult.RedactedText"/>, keeping the
/// text length so offsets stay valid.
/// </summary>
/// <param name="Mask">The mask character. <value>Default <c>*</c>.</value></param>
/// <param name="KeepLast">How many trailing letters or digits stay readable (e.g. 4 for card numbers). <value>Default 0.</value></param>
/// <param name="Fields">Mask only these captures; empty masks the whole match.</param>
public sealed record RedactSpec(char Mask, int KeepLast, IReadOnlyList<string> Fields);
