namespace FunAsr.Extractors.Rules.Validation;

/// <summary>
/// A check a rule field can declare with <c>validate:</c>; a match whose field fails it is dropped whole (no field, no
/// tag, no redaction), so a rule finds only numbers the world could have issued.
/// </summary>
public enum FieldValidation
{
    /// <summary>No check.</summary>
    None,

    /// <summary><c>luhn</c>: the Luhn check digit of a payment card number (13–19 digits).</summary>
    Luhn,

    /// <summary><c>cn_id</c>: the ISO 7064 MOD 11-2 check character of an 18-character Chinese resident ID number.</summary>
    ChineseId,

    /// <summary><c>phone_plan</c>: the numbering plan of the field's region (NANP area and exchange codes; Chinese
    /// mobile, landline and 400/800 plans); a number with a country code is checked against that country's plan.</summary>
    PhonePlan,
}
