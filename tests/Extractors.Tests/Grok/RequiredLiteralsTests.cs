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

    [Fact]
    public void A_group_met_again_gives_the_sets_it_gave_where_case_is_ignored_alike()
    {
        const string group = "(?:please hold the line|one moment please)";
        Assert.False(RequiredLiterals.Find(group)[0].IgnoreCase);
        Assert.True(RequiredLiterals.Find("(?i)" + group)[0].IgnoreCase);
        Assert.False(RequiredLiterals.Find("x" + group)[0].IgnoreCase);
        Assert.Equal(["one moment please", "please hold the line"], RequiredLiterals.Find(group + "|" + group)[0].Strings.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(@"(?:order no[)(] is 1234567 ok\s*\d*)", "order no) is 1234567 ok|order no( is 1234567 ok")]
    [InlineData(@"(?:order no\) is 1234567 ok\s*\d*)", "order no) is 1234567 ok")]
    [InlineData(@"(?:order no(?#a ( comment) is 1234567)", "order no is 1234567")]
    [InlineData(@"(?:order no [a-c-[(b]] is 1234567)", "order no ")]
    public void Parentheses_in_classes_escapes_and_comments_do_not_end_a_group(string pattern, string expected)
    {
        for (var read = 0; read < 2; read++)
        {
            Assert.Equal(expected.Split('|').Order(StringComparer.Ordinal), RequiredLiterals.Find(pattern)[0].Strings.Order(StringComparer.Ordinal));
        }
    }
}
