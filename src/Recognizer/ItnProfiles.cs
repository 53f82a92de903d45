namespace FunAsr.Recognizer;

/// <summary>
/// Named option sets. <c>callcentre</c> is the default. <c>wetext</c> and <c>nemo</c> reproduce the output style of
/// the WeTextProcessing and NeMo test suites, so that our grammar can be measured against them: the differences
/// between those profiles and <c>callcentre</c> are style, not error (2008/08/08 vs 2008年8月8日, 8:30a.m. vs
/// 上午8:30, 25kg vs 25千克, ¥13.5 vs 13.5元, 02:00 p.m. vs 2:00 p.m., 123-123-5678 vs 1231235678).
/// </summary>
public static class ItnProfiles
{
    /// <summary>The default: call-centre transcripts feeding extraction rules (see <see cref="ItnOptions"/> defaults).</summary>
    public const string CallCentre = "callcentre";

    /// <summary>WeTextProcessing's zh output style (standalone numbers and 0-to-9 on, as its main test class runs).</summary>
    public const string WeText = "wetext";

    /// <summary>NeMo's (and WeTextProcessing-en's) English output style.</summary>
    public const string Nemo = "nemo";

    /// <summary>Profile names with a one-line description each, for --help and documentation.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions { get; } = new Dictionary<string, string>
    {
        [CallCentre] = "default: 2025年1月3日, 上午9点/下午5:30, 1234米, 13.5元, 4008881234, 9:00 a.m.; lone 一…九 and 'one' stay words",
        [WeText] = "WeTextProcessing style: 2008/08/08, 8:30a.m., 25kg, ¥13.5, X到Y → X~Y, fillers 呃/啊 deleted, math and plates on, lone digits convert",
        [Nemo] = "NeMo English style: 02:00 p.m., 123-123-5678, first → 1st, doctor → dr.",
    };

    /// <summary>Returns the options of a named profile.</summary>
    /// <param name="name">A key of <see cref="Descriptions"/> (case-insensitive).</param>
    /// <returns>The profile's options.</returns>
    /// <exception cref="ArgumentException">The name is unknown; the message lists the known ones.</exception>
    public static ItnOptions Get(string name) => name.ToLowerInvariant() switch
    {
        CallCentre => ItnOptions.Default,
        WeText => ItnOptions.Default with
        {
            Profile = WeText,
            Categories = ItnCategories.All,
            EnableZeroToNine = true,
            DateStyle = ItnDateStyle.Slash,
            TimeStyle = ItnTimeStyle.PeriodSuffix,
            UnitStyle = ItnUnitStyle.Symbol,
            JoinRanges = true,
            RemoveInterjections = true,
            PadHours = true,
            GroupTelephoneDigits = true,
            SmallEnglishNumbers = true,
            EnglishAbbreviations = true,
        },
        Nemo => ItnOptions.Default with
        {
            Profile = Nemo,
            Categories = ItnCategories.All,
            PadHours = true,
            GroupTelephoneDigits = true,
            SmallEnglishNumbers = true,
            EnglishAbbreviations = true,
        },
        _ => throw new ArgumentException(
            $"Unknown ITN profile '{name}' (known: {string.Join(", ", Descriptions.Keys)}).", nameof(name)),
    };
}
