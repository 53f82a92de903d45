namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>A normalized telephone number.</summary>
/// <param name="Digits">The digits as dialled (no spaces, dashes or brackets; a leading + or 00 dropped).</param>
/// <param name="E164">The E.164 form (<c>+8613812345678</c>), or null when the number is domestic-only (400/800
/// hotlines) or the region cannot be told.</param>
public sealed record PhoneNumber(string Digits, string? E164)
{
    /// <summary>The E.164 form when known, else the digits.</summary>
    public override string ToString() => E164 ?? Digits;
}
