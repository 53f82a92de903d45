namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// Hotword phrases (token id sequences) as an Aho-Corasick automaton that scores CTC prefixes, after WeNet's
/// <c>context_graph.cc</c> and sherpa-onnx's <c>context-graph.cc</c> (non-strict mode). A token that extends a phrase
/// earns that phrase's per-token score; when the match breaks off, the partial bonus is taken back (the step's bonus
/// is negative) and matching resumes from the longest suffix that is still a phrase prefix; <see cref="Finalize"/>
/// takes back what a hypothesis still holds on an unfinished phrase at the end of the utterance. A finished phrase
/// keeps its bonus: the hypothesis returns to the root, or stays when a longer phrase can still grow from there.
/// Immutable after <see cref="Build"/>; thread-safe.
/// </summary>
internal sealed class ContextGraph
{
    private ContextGraph(ContextState root, int phraseCount, float maxTokenScore)
    {
        Root = root;
        PhraseCount = phraseCount;
        MaxTokenScore = maxTokenScore;
    }

    /// <summary>The empty match: where every hypothesis starts.</summary>
    public ContextState Root { get; }

    /// <summary>Phrases in the graph.</summary>
    public int PhraseCount { get; }

    /// <summary>The largest bonus one token can earn (0 for an empty graph).</summary>
    public float MaxTokenScore { get; }

    /// <summary>Builds the automaton; a phrase repeated keeps its highest score.</summary>
    /// <param name="phrases">Token ids of each phrase (non-empty) with its bonus per token.</param>
    public static ContextGraph Build(IEnumerable<(int[] Tokens, float ScorePerToken, string Phrase)> phrases)
    {
        var root = new ContextState(-1, 0);
        var count = 0;
        var maxTokenScore = 0f;
        foreach (var (tokens, score, phrase) in phrases)
        {
            if (tokens.Length == 0)
            {
                continue;
            }

            count++;
            maxTokenScore = Math.Max(maxTokenScore, score);
            var node = root;
            foreach (var token in tokens)
            {
                if (!node.Next.TryGetValue(token, out var child))
                {
                    child = new ContextState(token, node.Depth + 1) { TokenScore = score };
                    node.Next.Add(token, child);
                }

                child.TokenScore = Math.Max(child.TokenScore, score);
                node = child;
            }

            node.IsEnd = true;
            node.Phrase = phrase;
        }

        Link(root);
        return new ContextGraph(root, count, maxTokenScore);
    }

    /// <summary>
    /// Tokenizes <paramref name="hotwords"/> with the model's <paramref name="tokens"/> and builds the graph; a phrase
    /// the model cannot spell is left out and described in <paramref name="skipped"/> (<c>origin: 'phrase' skipped: why</c>).
    /// </summary>
    public static ContextGraph FromHotwords(HotwordOptions hotwords, TokenTable tokens, List<string> skipped)
    {
        var tokenizer = new HotwordTokenizer(tokens);
        var phrases = new List<(int[], float, string)>();
        foreach (var hotword in hotwords.Phrases)
        {
            if (tokenizer.Tokenize(hotword.Phrase, out var problem) is { } ids)
            {
                phrases.Add((ids, hotword.Score ?? hotwords.ScorePerToken, hotword.Phrase));
            }
            else
            {
                skipped.Add($"{(hotword.Origin.Length > 0 ? hotword.Origin : "hotwords")}: '{hotword.Phrase}' skipped: {problem}.");
            }
        }

        return Build(phrases);
    }

    /// <summary>Breadth first: scores from the root, failure links, and the bonus each node keeps.</summary>
    private static void Link(ContextState root)
    {
        root.Fail = root;
        var queue = new Queue<ContextState>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var child in node.Next.Values)
            {
                child.NodeScore = node.NodeScore + child.TokenScore;
                child.Fail = node == root ? root : Follow(node.Fail, child.Token, root);
                var suffixKept = child.Fail.KeptScore;
                child.KeptScore = child.IsEnd ? Math.Max(child.NodeScore, suffixKept) : Math.Max(node.KeptScore, suffixKept);
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>From <paramref name="node"/>, the deepest node reached by <paramref name="token"/> along failure links (the root if none).</summary>
    private static ContextState Follow(ContextState node, int token, ContextState root)
    {
        while (true)
        {
            if (node.Next.TryGetValue(token, out var next))
            {
                return next;
            }

            if (node == root)
            {
                return root;
            }

            node = node.Fail;
        }
    }

    /// <summary>
    /// Moves a hypothesis at <paramref name="state"/> on by one emitted <paramref name="token"/>.
    /// Returns the change of its context score and the new state.
    /// </summary>
    public (float Bonus, ContextState Next) Step(ContextState state, int token)
    {
        if (state.Next.TryGetValue(token, out var child))
        {
            return (child.TokenScore, child.IsEnd && child.Next.Count == 0 ? Root : child);
        }

        // The match breaks off: keep what finished phrases earned, take back the rest, resume from the longest suffix.
        var next = Follow(state.Fail, token, Root);
        var bonus = state.KeptScore - state.NodeScore + next.NodeScore;
        return (bonus, next.IsEnd && next.Next.Count == 0 ? Root : next);
    }

    /// <summary>The change of context score at the end of the utterance: the unfinished part of a match is taken back.</summary>
    public float Finalize(ContextState state) => state.KeptScore - state.NodeScore;
}
