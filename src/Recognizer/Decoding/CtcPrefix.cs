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
