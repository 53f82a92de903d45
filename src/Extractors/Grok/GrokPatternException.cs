namespace FunAsr.Extractors.Grok;

/// <summary>
/// A grok expression or pattern file cannot be used: an undefined or circular pattern reference, a malformed
/// reference, a pattern-file line that is not <c>NAME regex</c>, or a regex .NET cannot compile.
/// </summary>
internal sealed class GrokPatternException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>1-based line in a pattern file, when the problem is a line of one.</summary>
    public int? Line { get; init; }
}
