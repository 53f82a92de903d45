using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunAsr.Recognizer.Models;

/// <summary>
/// The <c>config.yaml</c> of a FunASR export, which carries what sherpa-onnx puts in ONNX metadata: values by section
/// (<c>frontend_conf</c>, <c>model_conf</c>, <c>encoder_conf</c>) and key. Errors name the file and the key.
/// </summary>
internal sealed class FunAsrConfig
{
    public const string FileName = "config.yaml";
    private readonly YamlMappingNode _root;

    private FunAsrConfig(string path, YamlMappingNode root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Reads <c>config.yaml</c> in <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="ModelLoadException">The file is not YAML, or its top level is not a mapping.</exception>
    public static FunAsrConfig? Find(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ModelLoadException($"{path}:{e.Start.Line}", $"not valid YAML: {e.Message}", inner: e);
        }

        return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root
            ? new FunAsrConfig(path, root)
            : throw new ModelLoadException(path, "expected a mapping of sections (frontend_conf, model_conf, ...) at the top level.");
    }

    /// <summary>The number at <c>section.key</c>, or <paramref name="fallback"/> when the key is absent.</summary>
    /// <exception cref="ModelLoadException">The value is not a number.</exception>
    public double Number(string section, string key, double fallback)
    {
        if (Scalar(section, key) is not { } node)
        {
            return fallback;
        }

        var text = node.Value ?? "";
        return text.Equals("true", StringComparison.OrdinalIgnoreCase) ? 1
            : text.Equals("false", StringComparison.OrdinalIgnoreCase) ? 0
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : throw new ModelLoadException($"{Path}:{node.Start.Line}", $"{section}.{key} should be a number, got '{text}'.", $"{section}.{key}");
    }

    /// <summary>The whole number at <c>section.key</c>, or <paramref name="fallback"/>.</summary>
    public int Integer(string section, string key, int fallback)
    {
        var value = Number(section, key, fallback);
        return value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue
            ? (int)value
            : throw new ModelLoadException(Path, $"{section}.{key} should be a whole number, got {value.ToString(CultureInfo.InvariantCulture)}.", $"{section}.{key}");
    }

    /// <summary>The list of strings at <c>section.key</c>, or null when absent.</summary>
    public IReadOnlyList<string>? Strings(string section, string key) =>
        Section(section) is { } mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node is YamlSequenceNode list
                ? list.Children.Select(c => (c as YamlScalarNode)?.Value ?? "").ToArray()
                : throw new ModelLoadException($"{Path}:{node.Start.Line}", $"{section}.{key} should be a list.", $"{section}.{key}")
            : null;

    private YamlMappingNode? Section(string section) =>
        _root.Children.TryGetValue(new YamlScalarNode(section), out var node) ? node as YamlMappingNode : null;

    private YamlScalarNode? Scalar(string section, string key) =>
        Section(section) is { } mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlScalarNode : null;
}
