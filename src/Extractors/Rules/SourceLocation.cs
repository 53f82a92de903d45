namespace FunAsr.Extractors.Rules;

/// <summary>Where something was defined in a rule file (as Logstash keeps SourceWithMetadata).</summary>
/// <param name="File">Path of the file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary><c>path:line:col</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
