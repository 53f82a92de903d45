using FunAsr.Extractors.Grok;

namespace FunAsr.Extractors.Tests.Grok;

public sealed class RequiredCharacterTests
{
    [Theory]
    [InlineData(@"(?<g0>[a-z]+@[a-z]+)", '@')]
    [InlineData(@"(?:ab)+:c", ':')]
    [InlineData(@"x(?i:y#)z", '#')]
    [InlineData(@"(?:请)?订单号?", '订')]
    public void A_plain_literal_every_match_contains_is_found(string pattern, char expected) =>
        Assert.Equal(expected, RequiredCharacter.Find(pattern));

    [Theory]
    [InlineData(@"a@|b")]
    [InlineData(@"(?:a@)?b")]
    [InlineData(@"a@{0,2}")]
    [InlineData(@"a(?=@)")]
    [InlineData(@"(?<!@)a")]
    [InlineData(@"[@:]x")]
    [InlineData(@"\p{L}\.x")]
    [InlineData(@"(?<g0>a|b@)")]
    [InlineData(@"(?x) a @ b")]
    [InlineData(@"(?i:abc)")]
    public void Optional_alternated_lookaround_class_or_escaped_characters_are_not_required(string pattern) =>
        Assert.Null(RequiredCharacter.Find(pattern));
}
