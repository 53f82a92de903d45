namespace FunAsr.Extractors.Rules;

/// <summary>A field a rule declares under <c>fields:</c>: its type and normalizer settings.</summary>
/// <param name="Name">The capture name (dotted for nested names).</param>
/// <param name="Type">The type the capture is normalized to.</param>
/// <param name="Region">Default region for <see cref="FieldType.Phone"/> (<c>CN</c>, <c>US</c>). <value>Default CN.</value></param>
/// <param name="Currency">Default currency for <see cref="FieldType.Money"/> when the text names none. <value>Default CNY.</value></param>
public sealed record RuleField(string Name, FieldType Type, string Region = "CN", string Currency = "CNY")
{
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
