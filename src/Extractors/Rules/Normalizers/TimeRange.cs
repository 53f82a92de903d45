namespace FunAsr.Extractors.Rules.Normalizers;

/// <summary>A time-of-day range in 24-hour <c>HH:MM</c>, such as business hours.</summary>
/// <param name="Start">Opening time, <c>HH:MM</c>.</param>
/// <param name="End">Closing time, <c>HH:MM</c>.</param>
public sealed record TimeRange(string Start, string End)
{
    /// <summary><c>09:00-18:00</c>.</summary>
    public override string ToString() => $"{Start}-{End}";
}
