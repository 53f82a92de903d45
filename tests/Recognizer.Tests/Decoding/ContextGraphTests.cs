using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class ContextGraphTests
{
    private static ContextGraph Graph(params (int[] Tokens, float Score)[] phrases) =>
        ContextGraph.Build(phrases.Select(p => (p.Tokens, p.Score, string.Join(' ', p.Tokens))));

    /// <summary>Feeds tokens from the root; returns each step's bonus and the final take-back.</summary>
    private static (float[] Bonuses, float Final) Run(ContextGraph graph, params int[] tokens)
    {
        var state = graph.Root;
        var bonuses = new float[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            (bonuses[i], state) = graph.Step(state, tokens[i]);
        }

        return (bonuses, graph.Finalize(state));
    }

    [Fact]
    public void Each_token_of_a_phrase_earns_its_score_and_a_finished_phrase_keeps_it()
    {
        var (bonuses, final) = Run(Graph(([1, 2, 3], 2f)), 1, 2, 3, 7);

        Assert.Equal([2f, 2f, 2f, 0f], bonuses);
        Assert.Equal(0f, final);
    }

    [Fact]
    public void A_match_that_breaks_off_gives_its_partial_bonus_back()
    {
        var (bonuses, final) = Run(Graph(([1, 2, 3], 2f)), 1, 2, 7, 1);

        Assert.Equal([2f, 2f, -4f, 2f], bonuses);
        Assert.Equal(-2f, final);
    }

    [Fact]
    public void A_broken_match_resumes_from_the_longest_suffix_that_starts_a_phrase()
    {
        // 1 2 1 2 3: the first "1 2" breaks off at the second 1, which starts the phrase again.
        var (bonuses, final) = Run(Graph(([1, 2, 3], 1f)), 1, 2, 1, 2, 3);

        Assert.Equal([1f, 1f, -1f, 1f, 1f], bonuses);
        Assert.Equal(3f, bonuses.Sum());
        Assert.Equal(0f, final);
    }

    [Fact]
    public void The_per_phrase_score_overrides_and_a_shared_prefix_takes_the_higher_score()
    {
        var graph = Graph(([1, 2], 1f), ([1, 3], 3f), ([5, 6], 0.5f));

        Assert.Equal([3f, 1f], Run(graph, 1, 2).Bonuses);
        Assert.Equal([3f, 3f], Run(graph, 1, 3).Bonuses);
        Assert.Equal([0.5f, 0.5f], Run(graph, 5, 6).Bonuses);
    }

    [Fact]
    public void A_phrase_inside_a_longer_one_keeps_its_bonus_when_the_longer_one_breaks_off()
    {
        // Phrases "1 2" and "1 2 3 4": after 1 2 3 the text goes elsewhere; "1 2" was said and keeps 2 points.
        var graph = Graph(([1, 2], 1f), ([1, 2, 3, 4], 1f));

        var (bonuses, final) = Run(graph, 1, 2, 3, 9);

        Assert.Equal(2f, bonuses.Sum() + final);
        Assert.Equal(4f, Run(graph, 1, 2, 3, 4).Bonuses.Sum());
    }

    [Fact]
    public void A_phrase_that_ends_inside_another_match_is_kept()
    {
        // "2 3" is a suffix of the partial "1 2 3" of "1 2 3 4".
        var graph = Graph(([1, 2, 3, 4], 1f), ([2, 3], 1f));

        var (bonuses, final) = Run(graph, 1, 2, 3, 9);

        Assert.Equal(2f, bonuses.Sum() + final);
    }

    [Fact]
    public void Tokens_that_start_no_phrase_change_nothing()
    {
        var (bonuses, final) = Run(Graph(([1, 2], 1f)), 8, 9);

        Assert.Equal([0f, 0f], bonuses);
        Assert.Equal(0f, final);
    }
}
