using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors.Tests.Extraction;

/// <summary>Masking keeps the text's length and its separators, so every offset computed before redaction still points at the same place.</summary>
public sealed class RedactorTests
{
    private static readonly RedactSpec Stars = new('*', 0, []);

    [Fact]
    public void Masks_letters_and_digits_and_keeps_spaces_and_dashes()
    {
        const string text = "card 6222-0201 1234 now";
        var masked = Redactor.Apply(text, [(5, 14, Stars)]);
        Assert.Equal("card ****-**** **** now", masked);
        Assert.Equal(text.Length, masked.Length);
    }

    [Fact]
    public void Keeps_the_last_letters_or_digits_the_rule_asks_for()
    {
        var masked = Redactor.Apply("6222 0201 1234 5678", [(0, 19, new RedactSpec('#', 4, []))]);
        Assert.Equal("#### #### #### 5678", masked);
    }

    [Fact]
    public void Masks_chinese_text_character_by_character()
    {
        var masked = Redactor.Apply("身份证号110101199003071234结束", [(4, 18, new RedactSpec('*', 4, []))]);
        Assert.Equal("身份证号**************1234结束", masked);
    }

    [Fact]
    public void Several_spans_are_masked_independently()
    {
        var masked = Redactor.Apply("a 12345 b 67890 c", [(2, 5, Stars), (10, 5, new RedactSpec('x', 2, []))]);
        Assert.Equal("a ***** b xxx90 c", masked);
    }

    [Fact]
    public void No_spans_returns_the_same_text() =>
        Assert.Equal("nothing to hide", Redactor.Apply("nothing to hide", []));
}
