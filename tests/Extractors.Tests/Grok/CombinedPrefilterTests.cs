using FunAsr.Extractors.Grok;

namespace FunAsr.Extractors.Tests.Grok;

/// <summary>The combined prefilter admits, for every text, exactly the expressions their own prefilters admit (so it
/// never rejects a text an expression matches), with its answers shared across the expressions of a text in the order
/// the extractor asks them.</summary>
public sealed class CombinedPrefilterTests
{
    private static readonly GrokExpression[] Expressions = LiteralPrefilterTests.Pack.Rules.SelectMany(r => r.Expressions).ToArray();

    [Fact]
    public void Shares_sets_between_the_rule_pack_expressions()
    {
        var combined = new CombinedPrefilter(Expressions);
        Assert.InRange(combined.SetCount, 1, Expressions.Sum(e => e.Prefilter?.Sets.Count ?? 0) - 1);
    }

    [Fact]
    public void Admits_what_each_expression_prefilter_admits_and_every_text_an_expression_matches()
    {
        AssertSameAsOwnPrefilters(Expressions);
    }

    [Fact]
    public void Admits_the_same_over_one_expression_where_the_character_bits_are_not_used()
    {
        foreach (var expression in Expressions)
        {
            AssertSameAsOwnPrefilters([expression]);
        }
    }

    private static void AssertSameAsOwnPrefilters(GrokExpression[] expressions)
    {
        var combined = new CombinedPrefilter(expressions);
        foreach (var text in LiteralPrefilterTests.Texts)
        {
            Span<byte> searched = new byte[combined.SetCount];
            Span<ulong> characters = new ulong[CharacterBits.Words];
            for (var e = 0; e < expressions.Length; e++)
            {
                var admitted = combined.MayMatch(e, text, searched, characters);
                Assert.True(admitted == (expressions[e].Prefilter?.MayMatch(text) ?? true), $"`{expressions[e].Grok}` on `{text}`");
                if (!admitted)
                {
                    Assert.False(expressions[e].Regex.IsMatch(text), $"`{expressions[e].Grok}` matches `{text}`, which the combined prefilter rejects");
                }
            }
        }
    }
}
