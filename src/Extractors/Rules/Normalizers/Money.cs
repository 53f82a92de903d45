using System.Globalization;

namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>An amount of money.</summary>
/// <param name="Amount">The amount (万 and 千 multipliers applied).</param>
/// <param name="Currency">ISO 4217 code: <c>CNY</c> or <c>USD</c>.</param>
public sealed record Money(decimal Amount, string Currency)
{
    /// <summary><c>300.00 CNY</c>.</summary>
    public override string ToString() => $"{Amount.ToString("F2", CultureInfo.InvariantCulture)} {Currency}";
}
