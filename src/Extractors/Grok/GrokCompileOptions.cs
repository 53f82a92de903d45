namespace FunAsr.Extractors.Grok;

/// <summary>How a grok expression is turned into a .NET <see cref="System.Text.RegularExpressions.Regex"/>.</summary>
internal sealed record GrokCompileOptions
{
    /// <summary>Default options: named captures only, Logstash dot-all, 100 ms match timeout, non-backtracking when possible.</summary>
    public static GrokCompileOptions Default { get; } = new();

    /// <summary>When false, a bare <c>%{WORD}</c> captures into a field named after the pattern (Logstash
    /// <c>named_captures_only =&gt; false</c>). <value>Default true.</value></summary>
    public bool NamedCapturesOnly { get; init; } = true;

    /// <summary>Whether <c>.</c> matches a newline. Logstash compiles with Ruby MULTILINE (it does);
    /// Elasticsearch does not. <value>Default true.</value></summary>
    public bool DotMatchesNewline { get; init; } = true;

    /// <summary>The per-match timeout; <see cref="Timeout.InfiniteTimeSpan"/> disables it. <value>Default 100 ms.</value></summary>
    public TimeSpan MatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Use <c>RegexOptions.NonBacktracking</c> (linear time) when the expanded pattern allows it (no
    /// lookarounds, backreferences or atomic groups); otherwise, or when false, a compiled backtracking regex.
    /// <value>Default true.</value></summary>
    public bool PreferNonBacktracking { get; init; } = true;

    /// <summary>Compile backtracking regexes to IL (<c>RegexOptions.Compiled</c>): slower to build, 1–2× faster to
    /// match. Only patterns up to <see cref="CompileToILMaxLength"/> characters expanded are compiled.
    /// <value>Default true.</value></summary>
    public bool CompileToIL { get; init; } = true;

    /// <summary>The longest expanded pattern compiled to IL. Longer ones (the call-centre time, date and hours rules,
    /// 0.25–2.3 k characters) run interpreted: compiled, the JIT of their generated code took 0.1–0.6 s at the first
    /// match (past the match timeout on a loaded machine) and they matched slower (the pack: 6–11 ms a segment compiled
    /// against 0.4 ms with this bound, rules/ on the field evaluation set). <value>Default 250.</value></summary>
    public int CompileToILMaxLength { get; init; } = 250;
}
