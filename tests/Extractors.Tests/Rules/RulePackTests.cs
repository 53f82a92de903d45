using FunAsr.Extractors.Rules;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Extractors.Tests.Rules;

/// <summary>The committed rule pack loads, and every rule's examples (its own tests) pass.</summary>
public sealed class RulePackTests(ITestOutputHelper output)
{
    // Examples test what rules extract, not how fast: a generous timeout keeps a loaded machine from failing them.
    private static readonly Lazy<RuleSet> Pack = new(() =>
        RuleSet.Load(RepoPaths.Of("rules"), new RuleLoadOptions { MatchTimeout = TimeSpan.FromSeconds(30) }));

    [Fact]
    public void Rule_pack_loads_with_examples_on_every_rule()
    {
        Assert.NotEmpty(Pack.Value.Rules);
        Assert.All(Pack.Value.Rules, rule => Assert.NotEmpty(rule.Examples));
        Assert.Matches("^[0-9a-f]{12}$", Pack.Value.Version);
    }

    [Fact]
    public void Every_rule_example_passes()
    {
        var outcomes = RuleExampleRunner.Run(Pack.Value).ToList();
        var failed = outcomes.Where(o => !o.Passed).ToList();
        foreach (var outcome in failed)
        {
            output.WriteLine($"{outcome.Example.Location} {outcome.Rule.Id}: `{outcome.Example.Text}`: {string.Join("; ", outcome.Problems)}");
        }
        output.WriteLine($"{outcomes.Count - failed.Count}/{outcomes.Count} examples pass");
        Assert.Empty(failed);
    }
}
