namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>
/// Ranges standing alone: 三五百 → 300~500, 五六十 → 50~60, 十五六 → 15-6, 一万六七 → 16000-7000, and with
/// <see cref="ItnOptions.JoinRanges"/> 二十一到一千零一 → 21~1001.
/// </summary>
internal sealed class Range(ItnOptions options)
{
    public TaggedMatch? Match(string s, int i) =>
        ChineseQuantity.Parse(s, i, options.JoinRanges) is { IsRange: true, NeedsUnit: false } range
        && !Cardinal.IsApproximate(s, i, i + range.Length)
            ? new TaggedMatch(range.Length, range.Written, "range")
            : null;
}
