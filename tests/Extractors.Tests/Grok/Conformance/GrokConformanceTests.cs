using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Extractors.Tests.Grok.Conformance;

/// <summary>
/// Replays the peer vectors in ../shared/conformance/grok/ (taken from logstash-patterns-core and
/// logstash-filter-grok specs) against our compiler and our own pattern library, prints the pass rate per file,
/// and keeps known-differences.tsv true: it fails when a listed vector starts passing or an unlisted one fails.
/// </summary>
public sealed class GrokConformanceTests(ITestOutputHelper output)
{
    /// <summary>How long a <c>hang</c> vector (timeouts disabled upstream) may run before we call it hanging.</summary>
    private static readonly TimeSpan HangBudget = TimeSpan.FromMilliseconds(500);

    private static readonly string KnownDifferencesPath =
        RepoPaths.Of("tests", "Extractors.Tests", "Grok", "Conformance", "known-differences.tsv");

    [PeerVectorsFact("conformance", "grok")]
    public void Vectors_pass_except_the_listed_known_differences()
    {
        RepoPaths.TryShared(out string directory, "conformance", "grok");

        var files = Directory.GetFiles(directory, "vectors_*.tsv").Order().ToList();
        Assert.NotEmpty(files);
        var failures = new Dictionary<string, string>();
        int total = 0, passed = 0;
        foreach (var file in files)
        {
            var vectors = GrokVector.Load(file);
            var filePassed = 0;
            foreach (var vector in vectors)
            {
                var clock = Stopwatch.StartNew();
                var problem = Check(vector);
                if (clock.Elapsed > TimeSpan.FromSeconds(1))
                {
                    output.WriteLine($"slow: {vector.Id} took {clock.Elapsed.TotalSeconds:F1} s");
                }
                if (problem is null)
                {
                    filePassed++;
                }
                else
                {
                    failures[vector.Id] = problem;
                }
            }
            total += vectors.Count;
            passed += filePassed;
            output.WriteLine($"{Path.GetFileName(file)}: {filePassed}/{vectors.Count} ({100.0 * filePassed / vectors.Count:F1}%)");
        }
        output.WriteLine($"total: {passed}/{total} ({100.0 * passed / total:F1}%)");

        var known = File.ReadLines(KnownDifferencesPath)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .ToDictionary(c => c[0], c => c[1]);
        var unexpected = failures.Where(f => !known.ContainsKey(f.Key)).Select(f => $"{f.Key}: {f.Value}").ToList();
        // A timing-dependent vector depends on the machine's speed, so it may pass on a quiet one.
        var nowPassing = known
            .Where(k => !failures.ContainsKey(k.Key) && !k.Value.StartsWith("timing-dependent", StringComparison.Ordinal))
            .Select(k => k.Key)
            .ToList();
        foreach (var line in unexpected)
        {
            output.WriteLine("UNEXPECTED " + line);
        }
        Assert.True(unexpected.Count == 0, $"vectors failing that known-differences.tsv does not list:\n{string.Join('\n', unexpected)}");
        Assert.True(nowPassing.Count == 0, $"vectors listed in known-differences.tsv that now pass (remove them):\n{string.Join('\n', nowPassing)}");
        Assert.True(passed >= total * 0.95, $"conformance {passed}/{total} is below the 95% goal");
    }

    private static string? Check(GrokVector vector)
    {
        LogstashGrokFilter filter;
        try
        {
            filter = new LogstashGrokFilter(vector, Directory.CreateTempSubdirectory("grok-vector-").FullName, HangBudget);
        }
        catch (GrokPatternException e)
        {
            return vector.ExpectedMatch == "compile_error" ? null : "compile error: " + e.Message;
        }
        if (vector.ExpectedMatch == "compile_error")
        {
            return "expected a compile error";
        }
        var evt = vector.Encoding == "event-json"
            ? JsonNode.Parse(vector.Input)!.AsObject()
            : new JsonObject { ["message"] = vector.Input };
        var matched = filter.Filter(evt);
        var tags = (evt["tags"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        var timedOut = tags.Contains("_groktimeout");
        var outcome = vector.ExpectedMatch switch
        {
            "true" when !matched => "expected a match",
            "false" when matched => "expected no match",
            "timeout" or "hang" when !timedOut => "expected a timeout",
            _ => null,
        };
        return outcome ?? CheckCaptures(vector, evt) ?? CheckAssertions(vector, evt, tags);
    }

    private static string? CheckCaptures(GrokVector vector, JsonObject evt)
    {
        if (vector.ExpectedCaptures is null)
        {
            return null;
        }
        // RSpec `include` compares nested hashes exactly; rows assembled from single-field `eql` assertions
        // state only the fields the spec looked at, so their nested objects are subsets.
        var exactNested = vector.Basis.StartsWith("include", StringComparison.Ordinal);
        var asString = vector.KeyAssertions["compare_as_string"]?.AsArray().Select(n => n!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (key, expected) in vector.ExpectedCaptures)
        {
            if (!Matches(expected, evt[key], $"[{key}]", asString, exactNested))
            {
                return $"field {key}: expected {expected?.ToJsonString()}, got {evt[key]?.ToJsonString() ?? "nothing"}";
            }
        }
        return null;
    }

    private static bool Matches(JsonNode? expected, JsonNode? actual, string path, HashSet<string> asString, bool exactNested)
    {
        if (asString.Contains(path))
        {
            return actual is not null && Scalar(expected) == Scalar(actual);
        }
        switch (expected)
        {
            case JsonObject obj when obj["$hash_including"] is JsonObject subset:
                return actual is JsonObject a1 && subset.All(kv => Matches(kv.Value, a1[kv.Key], $"{path}[{kv.Key}]", asString, exactNested));
            case JsonObject obj:
                return actual is JsonObject a2 && (!exactNested || a2.Count == obj.Count)
                    && obj.All(kv => Matches(kv.Value, a2[kv.Key], $"{path}[{kv.Key}]", asString, exactNested));
            case JsonArray array:
                return actual is JsonArray a3 && a3.Count == array.Count && array.Select((e, i) => Matches(e, a3[i], path, asString, exactNested)).All(x => x);
            case null:
                return actual is null;
            default:
                var kind = expected.GetValueKind();
                return actual is JsonValue value && value.GetValueKind() == kind && (kind == JsonValueKind.Number
                    ? double.Parse(expected.ToJsonString(), CultureInfo.InvariantCulture) == double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)
                    : expected.ToJsonString() == value.ToJsonString());
        }
    }

    private static string? Scalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();

    private static string? CheckAssertions(GrokVector vector, JsonObject evt, List<string> tags)
    {
        var a = vector.KeyAssertions;
        foreach (var field in Strings(a["absent"]))
        {
            if (Get(evt, field) is not null || (field == "[tags]" && tags.Count > 0))
            {
                return $"expected {field} to be absent, got {Get(evt, field)?.ToJsonString()}";
            }
        }
        foreach (var field in Strings(a["present"]))
        {
            if (!Exists(evt, field))
            {
                return $"expected {field} to be present";
            }
        }
        var include = Strings(a["tags_include"]).Where(t => !tags.Contains(t)).ToList();
        if (include.Count > 0)
        {
            return $"expected tags {string.Join(",", include)}, got [{string.Join(",", tags)}]";
        }
        if (Strings(a["tags_exclude"]).FirstOrDefault(tags.Contains) is { } excluded)
        {
            return $"expected no tag {excluded}";
        }
        if (a["tags_equal"] is JsonArray equal && !equal.Select(t => t!.GetValue<string>()).SequenceEqual(tags))
        {
            return $"expected tags exactly {equal.ToJsonString()}, got [{string.Join(",", tags)}]";
        }
        if (a["types"] is JsonObject types)
        {
            foreach (var (field, type) in types)
            {
                var node = evt[field] as JsonValue;
                var ok = type!.GetValue<string>() switch
                {
                    "string" => node?.GetValueKind() == JsonValueKind.String,
                    "int" => node?.GetValueKind() == JsonValueKind.Number && node.TryGetValue<long>(out _),
                    "float" => node?.GetValueKind() == JsonValueKind.Number && node.TryGetValue<double>(out _),
                    _ => false,
                };
                if (!ok)
                {
                    return $"expected {field} of type {type}, got {evt[field]?.ToJsonString()}";
                }
            }
        }
        return null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node?.AsArray().Select(n => n!.GetValue<string>()) ?? [];

    private static JsonNode? Get(JsonObject evt, string reference) => Walk(evt, reference, out _);

    private static bool Exists(JsonObject evt, string reference)
    {
        Walk(evt, reference, out var exists);
        return exists;
    }

    private static JsonNode? Walk(JsonObject evt, string reference, out bool exists)
    {
        JsonNode? node = evt;
        exists = true;
        foreach (var segment in GrokCapture.ParsePath(reference))
        {
            if (node is not JsonObject obj || !obj.ContainsKey(segment))
            {
                exists = false;
                return null;
            }
            node = obj[segment];
        }
        return node;
    }
}
