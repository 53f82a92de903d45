using System.Text;

namespace FunAsr.Recognizer.Itn;

/// <summary>Applies non-overlapping rewrites to a source text and records the spans.</summary>
internal static class RewriteComposer
{
    /// <summary>Builds the result; where two rewrites overlap, the one that starts first wins.</summary>
    public static ItnResult Compose(string spoken, IEnumerable<Rewrite> rewrites)
    {
        var ordered = rewrites.OrderBy(r => r.Start).ThenByDescending(r => r.Length);
        var written = new StringBuilder(spoken.Length);
        var spans = new List<ItnSpan>();
        int cursor = 0;
        foreach (var rewrite in ordered)
        {
            if (rewrite.Start < cursor || (rewrite.Length == rewrite.Text.Length && string.CompareOrdinal(spoken, rewrite.Start, rewrite.Text, 0, rewrite.Length) == 0))
            {
                continue;
            }

            written.Append(spoken, cursor, rewrite.Start - cursor);
            spans.Add(new ItnSpan(rewrite.Start, rewrite.Length, written.Length, rewrite.Text.Length, rewrite.Category));
            written.Append(rewrite.Text);
            cursor = rewrite.End;
        }

        written.Append(spoken, cursor, spoken.Length - cursor);
        return new ItnResult(written.ToString(), spoken, spans);
    }
}
