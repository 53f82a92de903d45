namespace FunAsr.Extractors.Rules;

/// <summary>Settings applied to every rule when a rule set is loaded.</summary>
public sealed record RuleLoadOptions
{
    /// <summary>Defaults: each rule's own <c>timeout_ms</c> and engine.</summary>
    public static RuleLoadOptions Default { get; } = new();

    /// <summary>Overrides every rule's <c>timeout_ms</c> when set, e.g. a generous bound for rule examples run as unit
    /// tests on a loaded build machine. <value>Default null (each rule's own).</value></summary>
    public TimeSpan? MatchTimeout { get; init; }

    /// <summary>When false, every rule uses the backtracking engine (<c>engine: backtracking</c>).
    /// <value>Default true.</value></summary>
    public bool AllowNonBacktracking { get; init; } = true;
}
