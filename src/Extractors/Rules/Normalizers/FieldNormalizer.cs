using System.Globalization;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>Turns a captured string into the value of a declared field type; null when the text cannot be read as that type.</summary>
internal static class FieldNormalizer
{
    public static object? Normalize(RuleField field, string text, DateOnly? callDate = null) => field.Type switch
    {
        FieldType.String => text,
        FieldType.Int => long.TryParse(text.Replace(",", "").Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null,
        FieldType.Float => double.TryParse(text.Replace(",", "").Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
        FieldType.Bool => text.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "1" or "是" or "对" or "好" => true,
            "false" or "no" or "n" or "0" or "否" or "不" => false,
            _ => null,
        },
        FieldType.Phone => PhoneNormalizer.Normalize(text, field.Region),
        FieldType.Time => ClockTimeNormalizer.Normalize(text, field.PmBelow),
        FieldType.TimeRange => TimeRangeNormalizer.Normalize(text),
        FieldType.Weekdays => WeekdaysNormalizer.Normalize(text),
        FieldType.Date => DateNormalizer.Normalize(text, callDate),
        FieldType.Money => MoneyNormalizer.Normalize(text, field.Currency),
        _ => text,
    };
}
