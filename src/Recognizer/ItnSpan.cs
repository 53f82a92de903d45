namespace FunAsr.Recognizer;

/// <summary>
/// One replacement made by inverse text normalization: the spoken-form characters
/// <c>[SourceStart, SourceStart + SourceLength)</c> became the written-form characters
/// <c>[TargetStart, TargetStart + TargetLength)</c>. Offsets are UTF-16 code-unit indexes.
/// </summary>
/// <param name="SourceStart">Start of the replaced text in the spoken form.</param>
/// <param name="SourceLength">Length of the replaced text in the spoken form.</param>
/// <param name="TargetStart">Start of the replacement in the written form.</param>
/// <param name="TargetLength">Length of the replacement in the written form (0 for a deletion such as a filler word).</param>
/// <param name="Category">What was recognised: <c>cardinal</c>, <c>decimal</c>, <c>digits</c>, <c>date</c>, <c>time</c>,
/// <c>money</c>, <c>measure</c>, <c>percent</c>, <c>fraction</c>, <c>ordinal</c>, <c>range</c>, <c>telephone</c>,
/// <c>math</c>, <c>electronic</c>, <c>whitelist</c>, <c>interjection</c>.</param>
public sealed record ItnSpan(int SourceStart, int SourceLength, int TargetStart, int TargetLength, string Category);
