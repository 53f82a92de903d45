using System.Collections;
using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// Names the setting at a position of a configuration file: its key path (<c>pipeline.max_attempts</c>,
/// <c>sources[0].stable_seconds</c>), what that setting expects and what was written there, so a value of the wrong
/// type is reported as <c>pipeline.max_attempts: expected an integer, got "abc"</c> rather than only by line and column.
/// The expected type comes from the settings classes (sources and sinks by their <c>type:</c>).
/// </summary>
internal static class ConfigValueLocator
{
    /// <summary>The problem with the value at <paramref name="at"/> in <paramref name="yaml"/>, or null when no setting is there.</summary>
    public static string? Describe(string yaml, Mark at)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException)
        {
            return null;
        }
        return stream.Documents.Count == 0 ? null : Find(stream.Documents[0].RootNode, "", typeof(IngestSettings), at);
    }

    private static string? Find(YamlNode node, string path, Type? type, Mark at)
    {
        if (path.Length > 0 && node.Start.Line == at.Line && node.Start.Column == at.Column && type is not null)
            return $"{path}: expected {Expected(type)}, got {Written(node)}";
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode { Value: { } k } ? k : "?";
                    var found = Find(value, path.Length == 0 ? name : $"{path}.{name}", PropertyType(type, name), at);
                    if (found is not null) return found;
                }
                return null;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var item = sequence.Children[i];
                    var found = Find(item, $"{path}[{i}]", ElementType(type, item), at);
                    if (found is not null) return found;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The settings property a snake_case key binds to (as YamlDotNet's underscored naming does).</summary>
    private static Type? PropertyType(Type? type, string key)
    {
        var pascal = string.Concat(key.Split('_').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        return type?.GetProperty(pascal, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
    }

    /// <summary>A list's element type; a source or sink entry is the options class its <c>type:</c> names.</summary>
    private static Type? ElementType(Type? listType, YamlNode item)
    {
        var element = listType is { IsGenericType: true } ? listType.GetGenericArguments()[0] : null;
        if (element is null || !element.IsAbstract) return element;
        var id = item is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode("type"), out var t) ? (t as YamlScalarNode)?.Value : null;
        return ComponentCatalog.Sources.Where(r => r.OptionsType.IsAssignableTo(element)).Select(r => (r.Id, r.OptionsType))
            .Concat(ComponentCatalog.Sinks.Where(r => r.OptionsType.IsAssignableTo(element)).Select(r => (r.Id, r.OptionsType)))
            .FirstOrDefault(r => r.Id == id).OptionsType;
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(int) || type == typeof(long)) return "an integer";
        if (type == typeof(double) || type == typeof(float)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "a string";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLower(CultureInfo.InvariantCulture)));
        if (typeof(IDictionary).IsAssignableFrom(type)) return "a mapping of keys to values";
        if (typeof(IEnumerable).IsAssignableFrom(type)) return "a list";
        return "a section (key: value lines)";
    }

    private static string Written(YamlNode node) => node switch
    {
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a section",
        _ => "something else",
    };
}
