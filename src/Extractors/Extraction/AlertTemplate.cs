using System.Text.RegularExpressions;

namespace FunAsr.Extractors;

/// <summary>Fills <c>{field}</c>, <c>{text}</c> and <c>{rule}</c> placeholders of an alert message.</summary>
internal static partial class AlertTemplate
{
    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9_.@\[\]-]+)\}")]
    private static partial Regex Placeholder();

    public static IEnumerable<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups["name"].Value);

    /// <summary>Fills the template; a field the rule did not extract is looked up among the fields other rules
    /// extracted from the same input (<c>when.fields_present</c>).</summary>
    public static string Fill(string template, string ruleId, string matchedText, IReadOnlyList<ExtractedField> ruleFields, IReadOnlyList<ExtractedField> inputFields) =>
        Placeholder().Replace(template, m => m.Groups["name"].Value switch
        {
            "rule" => ruleId,
            "text" => matchedText,
            var name => Values(ruleFields, name) is { Length: > 0 } own ? own : Values(inputFields, name),
        });

    private static string Values(IReadOnlyList<ExtractedField> fields, string name) =>
        string.Join(", ", fields.Where(f => f.Name == name).Select(f => f.ValueText).Distinct());
}
