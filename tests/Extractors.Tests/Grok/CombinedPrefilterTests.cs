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
        var combined = new CombinedPrefilter(Expressions);
        foreach (var text in LiteralPrefilterTests.Texts)
        {
            Span<byte> searched = new byte[combined.SetCount];
            Span<ulong> characters = new ulong[CharacterBits.Words];
            for (var e = 0; e < Expressions.Length; e++)
            {
                var admitted = combined.MayMatch(e, text, searched, characters);
                Assert.True(admitted == (Expressions[e].Prefilter?.MayMatch(text) ?? true), $"`{Expressions[e].Grok}` on `{text}`");
                if (!admitted)
                {
                    Assert.False(Expressions[e].Regex.IsMatch(text), $"`{Expressions[e].Grok}` matches `{text}`, which the combined prefilter rejects");
                }
            }
        }
    }
}
