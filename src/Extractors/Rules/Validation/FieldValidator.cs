using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Extractors.Rules.Validation;

/// <summary>Applies a field's <see cref="FieldValidation"/> to its captured text.</summary>
internal static class FieldValidator
{
    public static bool Passes(RuleField field, string text) => field.Validation switch
    {
        FieldValidation.Luhn => Luhn.IsValidCardNumber(text),
        FieldValidation.ChineseId => ChineseIdNumber.IsValid(text.Trim()),
        FieldValidation.PhonePlan => PhoneNormalizer.Normalize(text, field.Region) is { } number && PhonePlan.IsValid(number),
        _ => true,
    };
}
