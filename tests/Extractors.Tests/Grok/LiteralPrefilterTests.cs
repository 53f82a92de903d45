using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;
using FunAsr.Tests.Support;

namespace FunAsr.Extractors.Tests.Grok;

/// <summary>The prefilter never rejects a text its regex matches: checked for every expression of the rule pack and
/// of the built-in pattern library over the rule examples and the field evaluation set, also upper-cased and with the
/// Kelvin sign for k.</summary>
public sealed class LiteralPrefilterTests
{
    internal static readonly RuleSet Pack = RuleSet.Load(RepoPaths.Of("rules"), new RuleLoadOptions { MatchTimeout = TimeSpan.FromSeconds(30) });

    internal static readonly string[] Texts = Pack.Rules.SelectMany(r => r.Examples.Select(e => e.Text))
        .Concat(File.ReadLines(RepoPaths.Of("tests", "testdata", "fields", "callcentre.tsv")).Select(l => l.Split('\t')[2]))
        .SelectMany(t => new[] { t, t.ToUpperInvariant(), t.Replace('k', '\u212A').Replace('K', '\u212A') })
        .ToArray();

    [Fact]
    public void No_rule_expression_is_skipped_on_a_text_it_matches()
    {
        var expressions = Pack.Rules.SelectMany(r => r.Expressions).ToList();
        Assert.Contains(expressions, e => LiteralPrefilter.For(e.Expanded, e.Regex.Options) is not null);
        foreach (var expression in expressions)
        {
            AssertSound(expression.Expanded, expression.Regex);
        }
    }

    [Fact]
    public void No_builtin_pattern_is_skipped_on_a_text_it_matches()
    {
        var compiler = new GrokCompiler(PatternLibrary.Builtin(), GrokCompileOptions.Default with { MatchTimeout = TimeSpan.FromSeconds(30) });
        foreach (var name in PatternLibrary.Builtin().Names)
        {
            var expression = compiler.Compile($"%{{{name}}}");
            AssertSound(expression.Expanded, expression.Regex);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_set_of_ascii_and_other_strings_is_found_by_either_kind(bool ignoreCase)
    {
        // Searched as two sets (ASCII strings, the others): present exactly when one of its strings is in the text.
        var set = new LiteralSet(["refund", "money back", "退款", "把钱退", "10月", "Wi-Fi密码"], ignoreCase);
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var check = LiteralPrefilter.Check.For(set);
        string[] texts = ["I want a refund", "I want a REFUND", "我要退款", "请把钱退给我", "10月3日", "1 0月", "wi-fi密码是多少",
            "Wi-Fi密码", "money", "退", "", "refun", .. Texts];
        foreach (var text in texts)
        {
            Assert.True(set.Strings.Any(s => text.Contains(s, comparison)) == check.Present(text), $"`{text}`");
        }
    }

    private static void AssertSound(string pattern, Regex regex)
    {
        if (LiteralPrefilter.For(pattern, regex.Options) is not { } prefilter)
        {
            return;
        }
        foreach (var text in Texts)
        {
            if (!prefilter.MayMatch(text))
            {
                Assert.False(regex.IsMatch(text), $"`{pattern}` matches `{text}`, which its prefilter rejects");
            }
        }
    }
}
