namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// An emitted token sequence, interned as a node of a trie so that equal prefixes are the same object and extending one
/// is a lookup. Owned by one decoding run (not thread-safe).
/// </summary>
internal sealed class CtcPrefix
{
    // The children as a list of siblings: a node has a few at a time (the beam drops the rest, ForgetIfLeaf), and a
    // dictionary per node was most of the beam search's allocation.
    private CtcPrefix? _firstChild;
    private CtcPrefix? _nextSibling;

    private CtcPrefix(int token, CtcPrefix? parent)
    {
        Token = token;
        Parent = parent;
        Length = parent is null ? 0 : parent.Length + 1;
    }

    /// <summary>The empty prefix: a new trie.</summary>
    public static CtcPrefix Empty() => new(-1, null);

    /// <summary>The last token; -1 for the empty prefix.</summary>
    public int Token { get; }

    public CtcPrefix? Parent { get; }

    public int Length { get; }

    /// <summary>Takes this prefix out of the trie when no hypothesis holds it and nothing was grown from it, so that the
    /// many prefixes a frame tries and drops die young instead of living in the trie to the end of the utterance.
    /// Extending the parent by the same token again makes a new node.</summary>
    public void ForgetIfLeaf()
    {
        if (_firstChild is not null || Parent is null)
        {
            return;
        }

        if (Parent._firstChild == this)
        {
            Parent._firstChild = _nextSibling;
        }
        else
        {
            var before = Parent._firstChild;
            while (before is not null && before._nextSibling != this)
            {
                before = before._nextSibling;
            }

            if (before is null)
            {
                return;
            }

            before._nextSibling = _nextSibling;
        }

        _nextSibling = null;
    }

    public CtcPrefix Extend(int token)
    {
        for (var child = _firstChild; child is not null; child = child._nextSibling)
        {
            if (child.Token == token)
            {
                return child;
            }
        }

        _firstChild = new CtcPrefix(token, this) { _nextSibling = _firstChild };
        return _firstChild;
    }
}
