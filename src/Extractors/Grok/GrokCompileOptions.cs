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
    /// match. <value>Default true.</value></summary>
    public bool CompileToIL { get; init; } = true;
}
