namespace FunAsr.Extractors.Grok;

/// <summary>
/// One capture of a compiled grok expression. .NET rejects group names such as <c>[host][name]</c>,
/// <c>foo-bar</c> or <c>a.b</c>, so each capture gets a generated group name and this side table keeps the
/// field name as written.
/// </summary>
/// <param name="GroupName">The generated .NET group name (<c>g0</c>, <c>g1</c>…).</param>
/// <param name="FieldName">The semantic as written: <c>phone</c>, <c>[phone][number]</c>, <c>phone.number</c>.</param>
/// <param name="Path">The field path: <c>[a][b]</c> gives <c>a</c>, <c>b</c>; any other name is one segment.</param>
/// <param name="Type">The conversion suffix.</param>
/// <param name="PatternName">The grok pattern that produced the capture, or null for a raw <c>(?&lt;name&gt;…)</c>.</param>
internal sealed record GrokCapture(
    string GroupName, string FieldName, IReadOnlyList<string> Path, GrokValueType Type, string? PatternName)
{
    /// <summary>The dotted form of <see cref="Path"/> (<c>phone.number</c>), the name fields carry downstream.</summary>
    public string DottedName { get; } = string.Join('.', Path);

    /// <summary>Splits a Logstash field reference: <c>[a][b]</c> → <c>a</c>, <c>b</c>; anything else stays whole.</summary>
    public static IReadOnlyList<string> ParsePath(string fieldName)
    {
        if (fieldName.Length > 2 && fieldName[0] == '[' && fieldName[^1] == ']')
        {
            var parts = fieldName[1..^1].Split("][");
            if (parts.All(p => p.Length > 0 && !p.Contains('[') && !p.Contains(']')))
            {
                return parts;
            }
        }
        return [fieldName];
    }

    /// <summary>Maps a suffix (<c>int</c>, <c>float</c>, <c>long</c>, <c>double</c>, <c>boolean</c>) to its type.</summary>
    public static GrokValueType ParseType(string? suffix) => suffix?.ToLowerInvariant() switch
    {
        "int" or "integer" => GrokValueType.Int,
        "long" => GrokValueType.Long,
        "float" => GrokValueType.Float,
        "double" => GrokValueType.Double,
        "boolean" or "bool" => GrokValueType.Boolean,
        _ => GrokValueType.String,
    };
}
