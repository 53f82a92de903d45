namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// An emitted token sequence, interned as a node of a trie so that equal prefixes are the same object and extending one
/// is a lookup. Owned by one decoding run (not thread-safe).
/// </summary>
internal sealed class CtcPrefix
{
    private Dictionary<int, CtcPrefix>? _children;

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
        if (_children is not { Count: > 0 } && Parent?._children is { } siblings && siblings.GetValueOrDefault(Token) == this)
        {
            siblings.Remove(Token);
        }
    }

    public CtcPrefix Extend(int token)
    {
        _children ??= [];
        if (!_children.TryGetValue(token, out var child))
        {
            child = new CtcPrefix(token, this);
            _children.Add(token, child);
        }

        return child;
    }
}
