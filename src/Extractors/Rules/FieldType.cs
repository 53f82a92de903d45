namespace FunAsr.Extractors.Rules;

/// <summary>The types a rule field can declare; each has a normalizer (see <c>Rules/Normalizers</c>).</summary>
public enum FieldType
{
    /// <summary>The captured text as is.</summary>
    String,

    /// <summary>A whole number (<see cref="long"/>); thousands separators allowed.</summary>
    Int,

    /// <summary>A number (<see cref="double"/>).</summary>
    Float,

    /// <summary>true for true/yes/y/1/是/对/好, false for false/no/n/0/否/不.</summary>
    Bool,

    /// <summary>A telephone number: <see cref="Normalizers.PhoneNumber"/> (digits and E.164 with the field's region).</summary>
    Phone,

    /// <summary>A clock time as 24-hour <c>HH:MM</c>.</summary>
    Time,

    /// <summary>Two clock times: <see cref="Normalizers.TimeRange"/>.</summary>
    TimeRange,

    /// <summary>A weekday or weekday range: <c>Mon-Fri</c>.</summary>
    Weekdays,

    /// <summary>A calendar date: <c>2025-01-03</c> or <c>--01-03</c>.</summary>
    Date,

    /// <summary>An amount with currency: <see cref="Normalizers.Money"/>.</summary>
    Money,
}
