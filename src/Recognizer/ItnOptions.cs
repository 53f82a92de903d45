namespace FunAsr.Recognizer;

/// <summary>
/// What inverse text normalization rewrites and how it writes the result. Start from <see cref="Default"/> (the
/// call-centre profile) or <see cref="ItnProfiles.Get"/> and change members with <c>with { ... }</c>.
/// </summary>
public sealed record ItnOptions
{
    /// <summary>The call-centre profile: see <see cref="ItnProfiles.CallCentre"/>.</summary>
    public static ItnOptions Default { get; } = new();

    /// <summary>Name of the profile these options came from; informational.</summary>
    /// <value>Default <c>callcentre</c>.</value>
    public string Profile { get; init; } = ItnProfiles.CallCentre;

    /// <summary>Which categories are rewritten.</summary>
    /// <value>Default: everything except <see cref="ItnCategories.Math"/> and <see cref="ItnCategories.Vehicle"/>
    /// (in conversation 一比二 and 高一 are more often words than a score or a train).</value>
    public ItnCategories Categories { get; init; } = ItnCategories.All & ~ItnCategories.Math & ~ItnCategories.Vehicle;

    /// <summary>
    /// WeTextProcessing's <c>enable_standalone_number</c>: when false, a Chinese number with no unit after it stays
    /// in words (五十五 stays; 二十年 → 20年). Dates, times, money, percentages and digit strings still convert.
    /// </summary>
    /// <value>Default <c>true</c>.</value>
    public bool EnableStandaloneNumber { get; init; } = true;

    /// <summary>
    /// WeTextProcessing's <c>enable_0_to_9</c>: when false, a lone Chinese 零…九 stays a word (一年后, 二两, 三个);
    /// 十 and above convert. Keeps 一下/一起-like words safe even when they are not in the whitelist.
    /// </summary>
    /// <value>Default <c>false</c>.</value>
    public bool EnableZeroToNine { get; init; }

    /// <summary>How Chinese dates are written.</summary>
    /// <value>Default <see cref="ItnDateStyle.Chinese"/> (2025年1月3日).</value>
    public ItnDateStyle DateStyle { get; init; } = ItnDateStyle.Chinese;

    /// <summary>How Chinese clock times are written.</summary>
    /// <value>Default <see cref="ItnTimeStyle.KeepPeriodWords"/> (上午9点, 下午5:30).</value>
    public ItnTimeStyle TimeStyle { get; init; } = ItnTimeStyle.KeepPeriodWords;

    /// <summary>How Chinese units and currencies are written.</summary>
    /// <value>Default <see cref="ItnUnitStyle.Keep"/> (1234米, 13.5元).</value>
    public ItnUnitStyle UnitStyle { get; init; } = ItnUnitStyle.Keep;

    /// <summary>When true, two numbers joined by 到/至 become one range with <c>~</c>: 二十一到一千零一 → 21~1001.</summary>
    /// <value>Default <c>false</c> (21到1001).</value>
    public bool JoinRanges { get; init; }

    /// <summary>When true, the Chinese filler words 呃 and 啊 are deleted (a deletion span is recorded).</summary>
    /// <value>Default <c>false</c>: the written form keeps every word the caller said.</value>
    public bool RemoveInterjections { get; init; }

    /// <summary>When true, English clock hours are zero-padded ("two p m" → 02:00 p.m.), as NeMo writes them.</summary>
    /// <value>Default <c>false</c> (2:00 p.m.).</value>
    public bool PadHours { get; init; }

    /// <summary>When true, English telephone numbers are grouped as NeMo does (123-123-5678); otherwise digits run together.</summary>
    /// <value>Default <c>false</c> (1231235678, what extraction rules match most easily).</value>
    public bool GroupTelephoneDigits { get; init; }

    /// <summary>
    /// When true, English one…twelve convert before a unit ("two feet" → 2 ft) and a lone first…twelfth becomes an
    /// ordinal (1st); lone one…twelve stay words in every profile ("one of us").
    /// </summary>
    /// <value>Default <c>false</c> ("wait a second", "one minute" stay).</value>
    public bool SmallEnglishNumbers { get; init; }

    /// <summary>When true, English titles and phrases are abbreviated (doctor → dr., for example → e.g.).</summary>
    /// <value>Default <c>false</c> ("see a doctor" stays).</value>
    public bool EnglishAbbreviations { get; init; }

    /// <summary>
    /// A user whitelist: a UTF-8 file with one entry per line, either <c>word</c> (kept as said) or
    /// <c>spoken&lt;TAB&gt;written</c> (rewritten as given); <c>#</c> starts a comment. Added to the built-in list
    /// of words that are never converted (一个, 一些, 万一, idioms…).
    /// </summary>
    /// <value>Default <c>null</c>: the built-in list only.</value>
    public string? WhitelistPath { get; init; }

    /// <summary>Whether <paramref name="category"/> is switched on.</summary>
    /// <param name="category">One category flag.</param>
    /// <returns>True when every bit of <paramref name="category"/> is set in <see cref="Categories"/>.</returns>
    public bool Has(ItnCategories category) => (Categories & category) == category;
}
