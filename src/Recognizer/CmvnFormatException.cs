namespace FunAsr.Recognizer;

/// <summary>CMVN statistics could not be read: the message names the file (or metadata key), the line and the problem.</summary>
public sealed class CmvnFormatException : Exception
{
    /// <summary>Creates the exception; the message becomes <c>"{source}: {problem}"</c>.</summary>
    /// <param name="source">The am.mvn path (with <c>:line</c> when known) or the metadata key.</param>
    /// <param name="problem">What is wrong.</param>
    public CmvnFormatException(string source, string problem)
        : base($"{source}: {problem}")
    {
        Source = source;
    }

    /// <summary>Where the statistics came from: <c>path:line</c> or a metadata key.</summary>
    public new string Source { get; }
}
