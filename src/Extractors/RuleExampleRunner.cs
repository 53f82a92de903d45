using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors;

/// <summary>The outcome of one rule example.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Example">The example.</param>
/// <param name="Problems">What differed from the expectation; empty when the example passed.</param>
/// <param name="Result">What the rule extracted from the example text.</param>
internal sealed record RuleExampleOutcome(Rule Rule, RuleExample Example, IReadOnlyList<string> Problems, ExtractionResult Result)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>Runs every rule's examples (the rule alone, with the example's speaker and language) and compares.</summary>
internal static class RuleExampleRunner
{
    public static IEnumerable<RuleExampleOutcome> Run(RuleSet rules)
    {
        var extractor = new Extractor(rules);
        foreach (var rule in rules.Rules)
        {
            foreach (var example in rule.Examples)
            {
                var input = new ExtractionInput(example.Text, example.Speaker, Language: example.Language)
                {
                    Scope = rule.Scope ?? ExtractionScope.Segment,
                };
                var result = extractor.ExtractWith(rule, input);
                yield return new RuleExampleOutcome(rule, example, Compare(example, result), result);
            }
        }
    }

    private static List<string> Compare(RuleExample example, ExtractionResult result)
    {
        var problems = result.Failures.Select(f => $"{f.Kind}: {f.Message}").ToList();
        if (example.ExpectsNoMatch)
        {
            if (result.Fields.Count > 0 || result.Tags.Count > 0)
            {
                problems.Add($"expected no match, got {Describe(result)}");
            }
            return problems;
        }
        foreach (var (name, expected) in example.Fields)
        {
            var actual = result.Fields.Where(f => f.Name == name).Select(f => f.ValueText).ToList();
            if (!actual.SequenceEqual(expected))
            {
                problems.Add($"field {name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            }
        }
        foreach (var tag in example.Tags.Where(t => !result.Tags.Contains(t)))
        {
            problems.Add($"expected tag {tag}, got [{string.Join(", ", result.Tags)}]");
        }
        if (example.Redacted is { } redacted && redacted != result.RedactedText)
        {
            problems.Add($"expected redacted text `{redacted}`, got `{result.RedactedText}`");
        }
        return problems;
    }

    private static string Describe(ExtractionResult result) =>
        string.Join(", ", result.Fields.Select(f => $"{f.Name}={f.ValueText}").Concat(result.Tags.Select(t => "#" + t)));
}
