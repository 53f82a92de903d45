using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;

namespace FunAsr.Extractors.Tests.Grok;

public sealed class RequiredLiteralsTests
{
    [Theory]
    [InlineData(@"(?<g0>[a-z]+@[a-z]+)", "@")]
    [InlineData(@"(?:ab)+:c", "ab")]
    [InlineData(@"(?:送货|配送)时间(?:是|为)?\d", "送货时间|配送时间")]
    [InlineData(@"(?:请)?订单号?", "订单")]
    [InlineData(@"x{2}[:：]", "xx:|xx：")]
    [InlineData(@"\p{L}+(?:以后|之后|后)", "后")]
    [InlineData(@"(?i:\bhold\b)", "hold")]
    [InlineData(@"a@|b", "a@|b")]
    [InlineData(@"\w(?=之间|休息)", "之间|休息")]
    public void The_most_selective_set_every_match_contains_is_found(string pattern, string expected)
    {
        var sets = RequiredLiterals.Find(pattern);
        Assert.NotEmpty(sets);
        Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), sets[0].Strings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Case_insensitive_parts_are_searched_ignoring_case_and_plain_parts_are_not()
    {
        Assert.True(RequiredLiterals.Find(@"(?i:refund)")[0].IgnoreCase);
        Assert.False(RequiredLiterals.Find(@"refund")[0].IgnoreCase);
        Assert.True(RequiredLiterals.Find(@"refund", RegexOptions.IgnoreCase)[0].IgnoreCase);
        Assert.True(RequiredLiterals.Find(@"a(?i)bc|de")[0].IgnoreCase);
    }

    [Theory]
    [InlineData(@"(?:a@)?")]
    [InlineData(@"(?:a@)*")]
    [InlineData(@"@{0,2}")]
    [InlineData(@"a|\w")]
    [InlineData(@"(?!@)\w")]
    [InlineData(@"(?<!@)\w")]
    [InlineData(@"[^@]")]
    [InlineData(@"\d\s\w.")]
    [InlineData(@"[a-z]")]
    [InlineData(@"(?x) a @ b")]
    [InlineData(@"(a)\1")]
    [InlineData(@"(?(a)b|c)")]
    [InlineData(@"(?i:k)")]
    [InlineData(@"(?i:ä)")]
    [InlineData(@"a)")]
    public void Optional_alternated_negative_lookaround_lookbehind_wide_case_folded_or_unknown_parts_require_nothing(string pattern) =>
        Assert.Empty(RequiredLiterals.Find(pattern));

    [Fact]
    public void The_kelvin_sign_that_matches_k_ignoring_case_is_not_missed()
    {
        var prefilter = LiteralPrefilter.For(@"(?i:speak)", RegexOptions.None)!;
        Assert.Matches(new Regex("(?i:speak)"), "SPEA\u212A");
        Assert.True(prefilter.MayMatch("SPEA\u212A"));
        Assert.False(prefilter.MayMatch("spoke"));
    }
}
