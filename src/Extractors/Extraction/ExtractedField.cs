namespace FunAsr.Extractors;

/// <summary>One field a rule extracted.</summary>
/// <param name="Name">Field name, dotted for nested names (<c>[phone][number]</c> → <c>phone.number</c>).</param>
/// <param name="Type">The rule's field type: string, int, float, bool, phone, time, time_range, weekdays, date, money.</param>
/// <param name="Value">The normalized value: string, long, double, bool, or a record (<see cref="Rules.Normalizers.PhoneNumber"/>,
/// <see cref="Rules.Normalizers.TimeRange"/>, <see cref="Rules.Normalizers.Money"/>); its <c>ToString()</c> is the canonical form
/// rule examples compare against.</param>
/// <param name="Text">The matched text of the capture.</param>
/// <param name="RuleId">The rule that produced it.</param>
/// <param name="RuleVersion">Content hash of that rule's YAML.</param>
/// <param name="Start">Character offset of <paramref name="Text"/> in the input text.</param>
/// <param name="Length">Length of <paramref name="Text"/>.</param>
/// <param name="StartTime">Audio time of the span, when the input maps text to time.</param>
/// <param name="EndTime">Audio end time of the span.</param>
/// <param name="Channel">The input's channel.</param>
/// <param name="Speaker">The input's speaker.</param>
public sealed record ExtractedField(
    string Name,
    string Type,
    object? Value,
    string Text,
    string RuleId,
    string RuleVersion,
    int Start,
    int Length,
    TimeSpan? StartTime,
    TimeSpan? EndTime,
    int? Channel,
    string? Speaker)
{
    /// <summary>The canonical string of <see cref="Value"/> (invariant culture).</summary>
    public string ValueText => Value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };
}
