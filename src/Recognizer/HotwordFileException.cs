namespace FunAsr.Recognizer;

/// <summary>
/// A hotword list cannot be read: the file is missing, or lines are malformed (a bad <c>:score</c>, a sherpa-onnx
/// keyword-spotting field). <see cref="Problems"/> lists every bad line as <c>path:line: message</c>.
/// </summary>
public sealed class HotwordFileException : Exception
{
    /// <summary>Creates the exception from the problems found (each <c>path:line: message</c>).</summary>
    public HotwordFileException(IReadOnlyList<string> problems, Exception? inner = null)
        : base(string.Join(Environment.NewLine, problems), inner)
    {
        Problems = problems;
    }

    /// <summary>Every problem, one per bad line, as <c>path:line: message</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
