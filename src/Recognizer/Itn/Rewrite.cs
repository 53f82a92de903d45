namespace FunAsr.Recognizer.Itn;

/// <summary>A proposed replacement of <c>Length</c> source characters at <c>Start</c> by <c>Text</c>.</summary>
internal readonly record struct Rewrite(int Start, int Length, string Text, string Category)
{
    public int End => Start + Length;
}
