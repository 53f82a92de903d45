using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Extractors;

/// <summary>
/// Runs a <see cref="RuleSet"/> over text. Thread-safe. Call it once per transcript segment (scope
/// <see cref="ExtractionScope.Segment"/>, with the segment's speaker, channel and time mapping) and once over the
/// whole transcript (<see cref="ExtractionScope.Transcript"/>); each rule runs on the scope it declares. Never throws
/// on text: a rule that times out is reported in <see cref="ExtractionResult.Failures"/> and the others still run.
/// </summary>
public sealed class Extractor
{
    private readonly IReadOnlyList<Rule> _ordered;

    /// <summary>Creates an extractor for <paramref name="rules"/>.</summary>
    public Extractor(RuleSet rules)
    {
        Rules = rules;
        // Rules that depend on other fields (when.fields_present) run after the rest.
        _ordered = rules.Rules.OrderBy(r => r.When.FieldsPresent.Count > 0 ? 1 : 0).ToList();
    }

    /// <summary>The rule set this extractor runs.</summary>
    public RuleSet Rules { get; }

    /// <summary>Runs every applicable rule over <paramref name="input"/>.</summary>
    public ExtractionResult Extract(ExtractionInput input) => Run(input, _ordered);

    /// <summary>Runs only <paramref name="rule"/> (its scope and conditions still apply); used by rule examples.</summary>
    public ExtractionResult ExtractWith(Rule rule, ExtractionInput input) => Run(input, [rule]);

    private static ExtractionResult Run(ExtractionInput input, IReadOnlyList<Rule> rules)
    {
        var fields = new List<ExtractedField>();
        var tags = new List<string>();
        var alerts = new List<RuleAlert>();
        var failures = new List<ExtractionFailure>();
        var redactions = new List<(int, int, RedactSpec)>();
        foreach (var rule in rules)
        {
            if ((rule.Scope is { } scope && scope != input.Scope) || !rule.When.Admits(input)
                || !rule.When.FieldsPresent.All(name => fields.Any(f => f.Name == name)))
            {
                continue;
            }
            List<GrokMatch> matches;
            try
            {
                matches = Matches(rule, input.Text);
            }
            catch (RegexMatchTimeoutException e)
            {
                failures.Add(new ExtractionFailure(rule.Id, "regex_timeout",
                    $"pattern `{e.Pattern.Length switch { > 120 => e.Pattern[..120] + "…", _ => e.Pattern }}` ran past {e.MatchTimeout.TotalMilliseconds:F0} ms"));
                continue;
            }
            if (matches.Count == 0)
            {
                continue;
            }
            var ruleFields = new List<ExtractedField>();
            foreach (var match in matches)
            {
                ruleFields.AddRange(FieldsOf(rule, match, input, failures));
                if (rule.Redact is { } redact)
                {
                    redactions.AddRange(RedactedSpans(match, redact));
                }
            }
            fields.AddRange(ruleFields);
            tags.AddRange(rule.Tags.Where(t => !tags.Contains(t)));
            if (rule.Alert is { } alert)
            {
                alerts.Add(new RuleAlert(rule.Id, alert.Severity, AlertTemplate.Fill(alert.Message, rule.Id, matches[0].Value, ruleFields, fields), ruleFields));
            }
        }
        return new ExtractionResult(fields, tags, alerts, failures, Redactor.Apply(input.Text, redactions));
    }

    private static List<GrokMatch> Matches(Rule rule, string text)
    {
        var matches = new List<GrokMatch>();
        foreach (var expression in rule.Expressions)
        {
            if (!rule.MatchAll)
            {
                if (expression.Match(text) is { } first)
                {
                    return [first];
                }
                continue;
            }
            foreach (var match in expression.Matches(text))
            {
                if (match.Length > 0 && !matches.Any(m => m.Index < match.Index + match.Length && match.Index < m.Index + m.Length))
                {
                    matches.Add(match);
                }
            }
        }
        matches.Sort((a, b) => a.Index.CompareTo(b.Index));
        return matches;
    }

    private static IEnumerable<ExtractedField> FieldsOf(Rule rule, GrokMatch match, ExtractionInput input, List<ExtractionFailure> failures)
    {
        foreach (var value in match.Values)
        {
            if (string.IsNullOrEmpty(value.Text))
            {
                continue;
            }
            var name = value.Capture.DottedName;
            var declared = rule.Fields.FirstOrDefault(f => f.Name == name);
            object? normalized;
            string type;
            if (declared is null)
            {
                normalized = value.Converted;
                type = normalized switch { long => "int", double => "float", bool => "bool", _ => "string" };
            }
            else
            {
                type = declared.TypeName;
                normalized = FieldNormalizer.Normalize(declared, value.Text);
                if (normalized is null)
                {
                    failures.Add(new ExtractionFailure(rule.Id, "normalize_failed", $"field `{name}`: `{value.Text}` is not a {type}"));
                    normalized = value.Text;
                }
            }
            var time = input.TimeOfSpan?.Invoke(value.Index, value.Length);
            yield return new ExtractedField(name, type, normalized, value.Text, rule.Id, rule.Version, value.Index, value.Length,
                time?.Start, time?.End, input.Channel, input.Speaker);
        }
    }

    private static IEnumerable<(int, int, RedactSpec)> RedactedSpans(GrokMatch match, RedactSpec redact) =>
        redact.Fields.Count == 0
            ? [(match.Index, match.Length, redact)]
            : match.Values.Where(v => v.Text is { Length: > 0 } && redact.Fields.Contains(v.Capture.DottedName)).Select(v => (v.Index, v.Length, redact));
}
