using FunAsr.Extractors.Rules;
using FunAsr.Tests.Support;

namespace FunAsr.Extractors.Tests.Rules;

public sealed class RuleLiteralTests
{
    [Fact]
    public void The_rule_pack_yields_its_literal_words_and_not_its_fillers()
    {
        var phrases = RuleSet.Load(RepoPaths.Of("rules")).LiteralPhrases();

        Assert.Subset(phrases.ToHashSet(), new HashSet<string>
        {
            "投诉", "太差了", "退款", "把钱退", "取消", "取消订单", "退订",
            "refund", "money back", "return the item", "speak to your manager", "complaint", "cancellation", "unsubscribe",
        });
        Assert.DoesNotContain("12315", phrases); // digits: the recognizer writes numbers in words
        Assert.DoesNotContain("请", phrases); // an optional filler before a grok reference
        Assert.DoesNotContain("是", phrases);
        Assert.Equal(phrases.Count, phrases.Distinct().Count());
    }

    [Theory]
    [InlineData("退款|退钱", "退款|退钱")]
    [InlineData("(?i:\\b(?:cancel(?:l?ation)?|close my account)\\b)", "cancel|cancelation|cancellation|close my account")]
    [InlineData("取消(?:订单|服务)?|注销", "取消|取消订单|取消服务|注销")]
    [InlineData("(?:请|麻烦)?[^。]{0,8}?%{CALLBACK_ZH}", "")]
    [InlineData("(?<relative>今天|明天|周[一二])(?:%{CLOCK_ZH:time})", "今天|明天")]
    [InlineData("%{ORDER_CUE_EN}(?:order|case) number\\s?%{ORDER_ID:id}", "order|case")]
    [InlineData("(?:订单|工单)号%{ORDER_ID:id}", "订单|工单")]
    [InlineData("(?<![A-Za-z0-9])%{TICKET_ID:ticket_id}", "")]
    [InlineData("a+b|ok|tv\\.", "ok")]
    public void Literals_are_the_finite_alternatives_outside_grok_references(string pattern, string expected)
    {
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), RuleLiterals.Of(pattern));
    }
}
