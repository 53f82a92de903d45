using System.Text.RegularExpressions;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Tests.Grok;
using FunAsr.Tests.Support;

namespace FunAsr.Extractors.Tests.Rules;

/// <summary><see cref="RuleLoadOptions.CompileLongPatterns"/> compiles every backtracking regex of the rule pack and
/// extracts what the default load (long patterns interpreted) extracts.</summary>
public sealed class CompileLongPatternsTests
{
    [Fact]
    public void Every_backtracking_regex_is_compiled_and_the_fields_are_those_of_the_default_load()
    {
        var options = new RuleLoadOptions { MatchTimeout = TimeSpan.FromSeconds(30) };
        var byDefault = RuleSet.Load(RepoPaths.Of("rules"), options);
        var compiled = RuleSet.Load(RepoPaths.Of("rules"), options with { CompileLongPatterns = true });
        Assert.Contains(byDefault.Rules.SelectMany(r => r.Expressions), e => !e.IsNonBacktracking && !IsCompiled(e.Regex));
        Assert.All(compiled.Rules.SelectMany(r => r.Expressions).Where(e => !e.IsNonBacktracking), e => Assert.True(IsCompiled(e.Regex), e.Grok));
        var expected = new Extractor(byDefault);
        var actual = new Extractor(compiled);
        foreach (var text in LiteralPrefilterTests.Texts)
        {
            Assert.Equal(Describe(expected.Extract(new ExtractionInput(text))), Describe(actual.Extract(new ExtractionInput(text))));
        }
    }

    private static bool IsCompiled(Regex regex) => (regex.Options & RegexOptions.Compiled) != 0;

    private static string Describe(ExtractionResult result) => string.Join("; ",
        result.Fields.Select(f => $"{f.Name}={f.ValueText}@{f.Start}+{f.Length}").Concat(result.Tags).Concat(result.Failures.Select(f => f.Kind)));
}
