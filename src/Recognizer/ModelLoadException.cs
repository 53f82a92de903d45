namespace FunAsr.Recognizer;

/// <summary>
/// A model directory cannot be used: a file is missing, the ONNX inputs/outputs are not what the family expects, a
/// metadata key is missing or malformed, or the token table is broken. The message names the file (and line or key).
/// </summary>
public sealed class ModelLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The file or directory at fault.</param>
    /// <param name="message">What is wrong and how to fix it (the message is prefixed with <paramref name="path"/>).</param>
    /// <param name="key">The metadata key at fault, if any.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public ModelLoadException(string path, string message, string? key = null, Exception? inner = null)
        : base($"{path}: {message}", inner)
    {
        Path = path;
        Key = key;
    }

    /// <summary>The file or directory at fault (for tokens.txt errors, <c>path:line</c>).</summary>
    public string Path { get; }

    /// <summary>The metadata key at fault, or null.</summary>
    public string? Key { get; }
}
