namespace FunAsr.Ingest.Configuration;

/// <summary>The configuration is invalid; <see cref="Problems"/> lists every problem, each naming the file and key.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception; the message lists all problems, one per line.</summary>
    public ConfigException(string source, IReadOnlyList<string> problems)
        : base($"Invalid configuration ({source}):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem as <c>file:line:col: message</c> or <c>file: key: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
