namespace FunAsr.Recognizer.Decoding;

/// <summary>The hypotheses one decoding run no longer needs, handed out again, so that once the beam is full a frame
/// allocates none. Owned by one run (not thread-safe).</summary>
internal sealed class HypothesisPool
{
    private readonly Stack<PrefixHypothesis> _free = new();

    /// <summary>A hypothesis to <see cref="PrefixHypothesis.Reset"/>.</summary>
    public PrefixHypothesis Rent() => _free.TryPop(out var hypothesis) ? hypothesis : new PrefixHypothesis();

    public void Return(PrefixHypothesis hypothesis) => _free.Push(hypothesis);

    public void Return(List<PrefixHypothesis> hypotheses)
    {
        foreach (var hypothesis in hypotheses)
        {
            _free.Push(hypothesis);
        }
    }
}
