namespace FunAsr.Recognizer;

/// <summary>
/// A recording could not be decoded: the message starts with the file path and says what is wrong
/// (truncated header, not a RIFF/WAVE file, an unsupported codec and the supported list, ffmpeg missing or its error).
/// </summary>
public sealed class AudioFormatException : Exception
{
    /// <summary>Creates the exception; the message becomes <c>"{path}: {problem}"</c>.</summary>
    /// <param name="path">The recording that failed, as given by the caller.</param>
    /// <param name="problem">What is wrong, as a sentence fragment.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public AudioFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        SourcePath = path;
        Problem = problem;
    }

    /// <summary>The recording that failed.</summary>
    public string SourcePath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
