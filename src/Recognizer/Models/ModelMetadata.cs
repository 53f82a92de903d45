using System.Globalization;

namespace FunAsr.Recognizer.Models;

/// <summary>Typed reads of an ONNX custom metadata map (sherpa-onnx stores every value as a string); errors name the
/// model file, the key and the keys that exist.</summary>
internal sealed class ModelMetadata(string modelPath, IReadOnlyDictionary<string, string> values)
{
    public bool Contains(string key) => values.ContainsKey(key);

    public string Required(string key) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new ModelLoadException(modelPath, $"ONNX metadata key '{key}' is missing (keys found: {KeyList()}).", key);

    public int Int(string key, int? fallback = null)
    {
        if (!values.ContainsKey(key) && fallback is { } value)
        {
            return value;
        }

        var text = Required(key);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new ModelLoadException(modelPath, $"ONNX metadata key '{key}' should be an integer, got '{Shorten(text)}'.", key);
    }

    public string KeyList() => values.Count == 0 ? "none" : string.Join(", ", values.Keys.Order(StringComparer.Ordinal));

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
