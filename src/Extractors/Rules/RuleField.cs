using FunAsr.Extractors.Rules.Validation;

namespace FunAsr.Extractors.Rules;

/// <summary>A field a rule declares under <c>fields:</c>: its type and normalizer settings.</summary>
/// <param name="Name">The capture name (dotted for nested names).</param>
/// <param name="Type">The type the capture is normalized to.</param>
/// <param name="Region">Default region for <see cref="FieldType.Phone"/> (<c>CN</c>, <c>US</c>). <value>Default CN.</value></param>
/// <param name="Currency">Default currency for <see cref="FieldType.Money"/> when the text names none. <value>Default CNY.</value></param>
/// <param name="Validation">The check a match must pass (<c>validate:</c>). <value>Default none.</value></param>
/// <param name="PmBelow">For <see cref="FieldType.Time"/>: an hour said without a half of the day (no a.m./p.m., no
/// 上午/下午) and below this is read as afternoon, since calls arrange things in working hours ("at half past two" is
/// 14:30; a closing time "at nine" is 21:00 with <c>pm_below: 12</c>). <value>Default 7; 0 turns it off.</value></param>
public sealed record RuleField(
    string Name, FieldType Type, string Region = "CN", string Currency = "CNY",
    FieldValidation Validation = FieldValidation.None, int PmBelow = RuleField.DefaultPmBelow)
{
    /// <summary>The default of <see cref="PmBelow"/>.</summary>
    public const int DefaultPmBelow = 7;

    /// <summary>The YAML names of <see cref="Rules.Validation.FieldValidation"/>.</summary>
    internal static readonly IReadOnlyDictionary<FieldValidation, string> ValidationNames = new Dictionary<FieldValidation, string>
    {
        [FieldValidation.None] = "none",
        [FieldValidation.Luhn] = "luhn",
        [FieldValidation.ChineseId] = "cn_id",
        [FieldValidation.PhonePlan] = "phone_plan",
    };

    /// <summary>The snake_case name used in YAML and in results (<c>time_range</c>).</summary>
    public string TypeName => TypeNames[Type];

    internal static readonly IReadOnlyDictionary<FieldType, string> TypeNames = new Dictionary<FieldType, string>
    {
        [FieldType.String] = "string",
        [FieldType.Int] = "int",
        [FieldType.Float] = "float",
        [FieldType.Bool] = "bool",
        [FieldType.Phone] = "phone",
        [FieldType.Time] = "time",
        [FieldType.TimeRange] = "time_range",
        [FieldType.Weekdays] = "weekdays",
        [FieldType.Date] = "date",
        [FieldType.Money] = "money",
    };
}
