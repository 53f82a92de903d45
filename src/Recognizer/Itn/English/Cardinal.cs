namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// Numbers standing alone: "two hundred and fifty four" → 254, "minus sixty" → -60, "five point two million" →
/// 5.2 million. A lone zero…twelve stays a word ("one of us"), as NeMo decides.
/// </summary>
internal static class Cardinal
{
    public static EnglishMatch? Match(Token[] t, int i) =>
        NumberWords.Amount(t, i) is { IsSmall: false } amount
            ? new EnglishMatch(amount.Count, amount.Written, amount.Written.Contains('.') ? "decimal" : "cardinal")
            : null;
}
