namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>A parsed Chinese number: where it is, its integer value, and its written form.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="Length">Number of characters read.</param>
/// <param name="Value">The integer value (the integer part for a decimal).</param>
/// <param name="Written">The written form ("1234", "-3.14", "100万1111").</param>
/// <param name="IsLoneDigit">True for a single digit character (一, 两, 零), which WeTextProcessing's 0-to-9 switch guards.</param>
/// <param name="IsDecimal">True when a 点 fraction was read.</param>
internal readonly record struct ChineseNumber(int Start, int Length, long Value, string Written, bool IsLoneDigit, bool IsDecimal = false)
{
    public int End => Start + Length;
}
