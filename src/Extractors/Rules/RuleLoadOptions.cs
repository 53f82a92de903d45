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

    /// <summary>
    /// When true, backtracking regexes of any length are compiled to IL, not only the short ones: a long-running
    /// process (the ingest host, the web API, a benchmark) pays the JIT of each long pattern once (0.1–0.6 s on a
    /// busy core, at its first match) and then matches the rule pack ~1.4× faster. A one-shot command that reads a
    /// few hundred thousand lines does better with the default. <value>Default false.</value>
    /// </summary>
    public bool CompileLongPatterns { get; init; }
}
