namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// A number or range followed by a unit or classifier: 一千二百三十四米 → 1234米 (or 1234m in the Symbol style),
/// 二十年后 → 20年后, 三五百公里 → 300~500公里. In the Symbol style 每小时十公里 and 十千米每小时 → 10km/h.
/// </summary>
internal sealed class Measure(ItnOptions options, ChineseUnits units)
{
    private const string PerHour = "每小时";

    public TaggedMatch? Match(string s, int i)
    {
        bool symbols = options.UnitStyle == ItnUnitStyle.Symbol;
        bool perHourFirst = symbols && s.AsSpan(i).StartsWith(PerHour);
        int j = perHourFirst ? i + PerHour.Length : i;
        if (ChineseQuantity.Parse(s, j, options.JoinRanges) is not { } quantity
            || (quantity.IsLoneDigit && !options.EnableZeroToNine)
            || Cardinal.IsApproximate(s, j, j + quantity.Length))
        {
            return null;
        }

        j += quantity.Length;
        if (units.Unit(s, j) is not { } unit)
        {
            return null;
        }

        j += unit.Spoken.Length;
        string written = quantity.Written + (symbols && unit.Symbol is not null ? unit.Symbol : unit.Spoken);
        bool perHourAfter = symbols && !perHourFirst && s.AsSpan(j).StartsWith(PerHour);
        if ((perHourFirst || perHourAfter) && unit.Symbol is "km" or "m")
        {
            written += "/h";
            j += perHourAfter ? PerHour.Length : 0;
        }
        else if (perHourFirst)
        {
            return null;
        }

        return new TaggedMatch(j - i, written, "measure");
    }
}
