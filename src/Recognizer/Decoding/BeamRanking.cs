namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Picks a frame's best hypotheses by <see cref="PrefixHypothesis.Total"/> as a stable sort, best first, would: equal
/// totals keep the order the frame created them in, so the beam (and the text) is the one a LINQ
/// <c>OrderByDescending</c> gave. Each total is computed once, and the buffers are reused frame after frame.
/// Owned by one decoding run (not thread-safe).
/// </summary>
internal sealed class BeamRanking : IComparer<int>
{
    private PrefixHypothesis[] _candidates = [];
    private double[] _totals = [];
    private int[] _order = [];

    /// <summary>Fills <paramref name="beam"/> with the <paramref name="size"/> best of <paramref name="candidates"/>
    /// and returns the others to <paramref name="pool"/>, their prefixes forgotten when nothing grew from them.</summary>
    public void Best(Dictionary<CtcPrefix, PrefixHypothesis>.ValueCollection candidates, int size, List<PrefixHypothesis> beam, HypothesisPool pool)
    {
        var count = candidates.Count;
        if (_candidates.Length < count)
        {
            var capacity = Math.Max(count, 2 * _candidates.Length);
            (_candidates, _totals, _order) = (new PrefixHypothesis[capacity], new double[capacity], new int[capacity]);
        }

        var i = 0;
        foreach (var hypothesis in candidates)
        {
            (_candidates[i], _totals[i], _order[i]) = (hypothesis, hypothesis.Total, i);
            i++;
        }

        Array.Sort(_order, 0, count, this);
        beam.Clear();
        for (var k = 0; k < count; k++)
        {
            var hypothesis = _candidates[_order[k]];
            if (k < size)
            {
                beam.Add(hypothesis);
            }
            else
            {
                hypothesis.Prefix.ForgetIfLeaf();
                pool.Return(hypothesis);
            }
        }
    }

    /// <summary>Higher total first; on a tie, the one created first.</summary>
    public int Compare(int x, int y)
    {
        var byTotal = _totals[y].CompareTo(_totals[x]);
        return byTotal != 0 ? byTotal : x.CompareTo(y);
    }
}
