using YamlDotNet.RepresentationModel;

namespace FunAsr.Extractors.Rules;

/// <summary>
/// Reads YAML nodes of one rule file against the rule schema, collecting every problem with its position instead of
/// stopping at the first (Vector-style validation: all errors, then one exception).
/// </summary>
internal sealed class YamlNodeReader(string file, List<RuleProblem> problems)
{
    public string File { get; } = file;

    public SourceLocation At(YamlNode node) => new(File, (int)node.Start.Line, (int)node.Start.Column);

    public void Problem(YamlNode node, string message) =>
        problems.Add(new RuleProblem(File, (int)node.Start.Line, (int)node.Start.Column, message));

    public YamlMappingNode? Mapping(YamlNode node, string what)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        Problem(node, $"{what} must be a mapping (key: value lines)");
        return null;
    }

    /// <summary>The mapping's entries by key; reports unknown keys (naming the allowed ones) and duplicates.</summary>
    public Dictionary<string, YamlNode> Entries(YamlMappingNode mapping, string what, params string[] allowed)
    {
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(key))
            {
                Problem(keyNode, $"unknown key `{key}` in {what} (allowed: {string.Join(", ", allowed)})");
            }
            else if (!entries.TryAdd(key, value))
            {
                Problem(keyNode, $"key `{key}` appears twice in {what}");
            }
        }
        return entries;
    }

    public string? Scalar(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }
        Problem(node, $"{what} must be a single value, not a list or mapping");
        return null;
    }

    public string? Required(Dictionary<string, YamlNode> entries, YamlNode owner, string key, string what)
    {
        if (entries.TryGetValue(key, out var node))
        {
            var value = Scalar(node, $"`{key}` of {what}");
            if (string.IsNullOrWhiteSpace(value))
            {
                Problem(node, $"`{key}` of {what} must not be empty");
            }
            return value;
        }
        Problem(owner, $"{what} has no `{key}`");
        return null;
    }

    /// <summary>A scalar or a list of scalars, as a list.</summary>
    public IReadOnlyList<string> List(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlScalarNode scalar:
                return [scalar.Value ?? ""];
            case YamlSequenceNode sequence:
                var values = new List<string>();
                foreach (var item in sequence)
                {
                    if (Scalar(item, $"each item of {what}") is { } value)
                    {
                        values.Add(value);
                    }
                }
                return values;
            default:
                Problem(node, $"{what} must be a value or a list of values");
                return [];
        }
    }

    public int? Int(YamlNode? node, string what)
    {
        var text = Scalar(node, what);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, out var value))
        {
            return value;
        }
        Problem(node!, $"{what} must be a whole number, found `{text}`");
        return null;
    }

    public string? OneOf(YamlNode? node, string what, params string[] allowed)
    {
        var text = Scalar(node, what);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }
        Problem(node!, $"{what} must be one of {string.Join(", ", allowed)}, found `{text}`");
        return null;
    }
}
