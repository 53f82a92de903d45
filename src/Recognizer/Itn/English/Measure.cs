namespace FunAsr.Recognizer.Itn.English;

/// <summary>
/// A number with a unit: "two hundred meters" → 200 m, "eighteen point one four percent" → 18.14 %,
/// "fifty six point three per square kilometer" → 56.3 /km². one…twelve convert only with small numbers on.
/// </summary>
internal sealed class Measure(ItnOptions options, PhraseTable units)
{
    public EnglishMatch? Match(Token[] t, int i)
    {
        if (NumberWords.Amount(t, i) is not { } amount || (amount.IsSmall && !options.SmallEnglishNumbers))
        {
            return null;
        }

        int j = i + amount.Count;
        if (units.Match(t, j) is not { } unit || (amount.Written == "1" && unit.Row[0] != "foot" && unit.Row[0].EndsWith('s') && unit.Row[0] != "c c"))
        {
            return null;
        }

        return new EnglishMatch(amount.Count + unit.Count, amount.Written + " " + unit.Row[1], "measure");
    }
}
