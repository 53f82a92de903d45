using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunAsr.Extractors.Tests.Grok.Conformance;

/// <summary>One row of ../shared/conformance/grok/vectors_*.tsv (column spec in SOURCES.md there).</summary>
internal sealed record GrokVector(
    string File, int Line, string Pattern, string Input, string ExpectedMatch, JsonObject? ExpectedCaptures,
    string EcsMode, JsonObject KeyAssertions, JsonObject Options, string Encoding, string Basis, string SpecRef)
{
    /// <summary>The id used in the known-differences list: <c>vectors_core_spec.tsv:17</c>.</summary>
    public string Id => $"{File}:{Line}";

    public static IReadOnlyList<GrokVector> Load(string path)
    {
        var rows = new List<GrokVector>();
        var lines = System.IO.File.ReadAllLines(path);
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            var c = lines[i].Split('\t');
            var encoding = c[7];
            var pattern = encoding == "json" ? JsonSerializer.Deserialize<string>(c[0])! : c[0];
            var input = encoding == "json" ? JsonSerializer.Deserialize<string>(c[1])! : c[1];
            rows.Add(new GrokVector(
                Path.GetFileName(path), i + 1, pattern, input, c[2],
                c[3].Length == 0 ? null : JsonNode.Parse(c[3])!.AsObject(),
                c[4], ParseObject(c[5]), ParseObject(c[6]), encoding, c[8], c[9]));
        }
        return rows;
    }

    private static JsonObject ParseObject(string cell) =>
        cell.Length == 0 ? [] : JsonNode.Parse(cell)!.AsObject();
}
