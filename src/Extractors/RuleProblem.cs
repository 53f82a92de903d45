namespace FunAsr.Extractors;

/// <summary>One problem in a rule or pattern file.</summary>
/// <param name="File">The file path as given to <see cref="RuleSet.Load(string)"/> plus the relative path.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record RuleProblem(string File, int Line, int Column, string Message)
{
    /// <summary>The <c>path:line:col: message</c> form compilers and editors understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
