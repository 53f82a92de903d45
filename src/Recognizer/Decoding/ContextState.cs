namespace FunAsr.Recognizer.Decoding;

/// <summary>A node of the <see cref="ContextGraph"/>: a prefix of one or more hotword phrases.</summary>
internal sealed class ContextState
{
    public ContextState(int token, int depth)
    {
        Token = token;
        Depth = depth;
    }

    /// <summary>The token on the arc into this node; -1 at the root.</summary>
    public int Token { get; }

    /// <summary>Tokens from the root.</summary>
    public int Depth { get; }

    /// <summary>Bonus of the arc into this node (the highest per-token score of the phrases sharing it).</summary>
    public float TokenScore { get; set; }

    /// <summary>Sum of <see cref="TokenScore"/> from the root: the bonus a hypothesis holds while it sits here.</summary>
    public float NodeScore { get; set; }

    /// <summary>True when a whole phrase ends here.</summary>
    public bool IsEnd { get; set; }

    /// <summary>The phrase that ends here, when <see cref="IsEnd"/>.</summary>
    public string? Phrase { get; set; }

    /// <summary>
    /// The bonus this node has earned for good: the <see cref="NodeScore"/> of the deepest whole phrase on its path or
    /// among its suffixes (0 when none). Leaving the node by a failure link keeps this much and takes back the rest.
    /// </summary>
    public float KeptScore { get; set; }

    /// <summary>Aho-Corasick failure link: the longest proper suffix of this node's path that is also a node.</summary>
    public ContextState Fail { get; set; } = null!;

    /// <summary>Children by token.</summary>
    public Dictionary<int, ContextState> Next { get; } = [];
}
