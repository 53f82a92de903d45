using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors.Export;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;
using FunAsr.Tests.Support;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace FunAsr.Extractors.Tests.Export;

/// <summary>
/// Each export format over the committed rules/ pack: the generated file parses, and every example of every rule,
/// matched under Onigmo (Ruby) with the patterns read back from that file, finds the same match and the same
/// captures as our .NET engine does with the rule's expressions as one alternation (the first-match semantics all
/// those engines share).
/// </summary>
public sealed class ExportDialectTests(ITestOutputHelper output)
{
    private static readonly RuleSet Pack = RuleSet.Load(RepoPaths.Of("rules"));

    /// <summary>Rules whose patterns use what only .NET has; Onigmo must refuse them, so the list stays exact (none today).</summary>
    private static readonly HashSet<string> DotnetOnly = [];

    [OnigmoFact]
    public void Elasticsearch_pipeline_patterns_match_every_example_under_onigmo()
    {
        var pipeline = JsonNode.Parse(ElasticsearchPipelineExporter.Export(Pack).ToJsonString())!;
        var groks = pipeline["processors"]!.AsArray().Select(p => p!["grok"]).OfType<JsonObject>()
            .ToDictionary(g => g["tag"]!.GetValue<string>());
        // Captures land under extracted.* there (Onigmo names the group extracted_<field>).
        AssertSameMatches(ElasticsearchPipelineExporter.FieldNamespace + "_", rule => new JsonObject
        {
            ["grok"] = groks[rule.Id]["patterns"]![0]!.GetValue<string>(),
            ["definitions"] = groks[rule.Id]["pattern_definitions"]!.DeepClone(),
        });
    }

    [OnigmoFact]
    public void Logstash_filters_parse_and_their_patterns_match_every_example_under_onigmo()
    {
        var plugins = new LogstashConfigReader(LogstashFilterExporter.Export(Pack)).ReadPlugins();
        Assert.All(plugins, p => Assert.Equal("filter", p.Section));
        var groks = plugins.Where(p => p.Plugin == "grok").ToDictionary(p => (string)p.Attributes["id"]);
        Assert.Equal(Pack.Rules.Count, groks.Count);
        Assert.All(groks.Values, g => Assert.Equal("funasr", g.Attributes["target"]));
        AssertSameMatches("", rule =>
        {
            var grok = groks["funasr_" + GrokDefinitions.Slugify(rule)].Attributes;
            var definitions = new JsonObject();
            foreach (var (name, body) in (Dictionary<string, object>)grok["pattern_definitions"])
            {
                definitions[name] = (string)body;
            }
            return new JsonObject { ["grok"] = (string)((Dictionary<string, object>)grok["match"])["message"], ["definitions"] = definitions };
        });
    }

    [OnigmoFact]
    public void Fluent_bit_parsers_parse_and_match_every_example_under_onigmo()
    {
        var parsers = ReadFluentBitParsers(FluentBitParsersExporter.Export(Pack));
        Assert.Equal(Pack.Rules.Count, parsers.Count);
        Assert.All(parsers.Values, p => Assert.Equal("regex", p["Format"]));
        AssertSameMatches(FluentBitParsersExporter.GroupPrefix, rule => new JsonObject { ["regex"] = parsers[FluentBitParsersExporter.ParserName(rule)]["Regex"] });
    }

    [OnigmoFact]
    public void Vector_remap_parses_and_its_aliases_match_every_example_under_onigmo()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(VectorRemapExporter.Export(Pack)));
        var transform = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["transforms"])["funasr_extract"];
        Assert.Equal("remap", ((YamlScalarNode)transform["type"]).Value);
        var source = ((YamlScalarNode)transform["source"]).Value!;
        var aliases = Regex.Matches(source, @"^\s*""(FUNASR_RULE_\w+)"": s'((?:[^'\\]|\\.)*)'$", RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Replace("\\'", "'"));
        Assert.Equal(Pack.Rules.Count, aliases.Count);
        Assert.Equal(Pack.Rules.Count, Regex.Matches(source, @"parse_groks\(funasr_text, patterns: \[""%\{data\}%\{FUNASR_RULE_\w+\}%\{data\}""\]").Count);
        AssertSameMatches("", rule => new JsonObject { ["regex"] = aliases[GrokDefinitions.For(rule).MarkerPattern] });
    }

    /// <summary>
    /// Runs every rule's examples under Onigmo with the pattern <paramref name="exported"/> gives for the rule, and
    /// compares with the .NET match of the same rule: same matched text, same captured text per field.
    /// </summary>
    private void AssertSameMatches(string groupPrefix, Func<Rule, JsonObject> exported)
    {
        var cases = new JsonArray();
        foreach (var rule in Pack.Rules)
        {
            var item = exported(rule);
            item["id"] = rule.Id;
            item["texts"] = new JsonArray([.. rule.Examples.Select(e => (JsonNode)e.Text)]);
            cases.Add(item);
        }
        var results = OnigmoProbe.Run(cases).ToDictionary(r => r!["id"]!.GetValue<string>());
        int examples = 0, matched = 0;
        foreach (var rule in Pack.Rules)
        {
            var result = results[rule.Id]!;
            if (DotnetOnly.Contains(rule.Id))
            {
                Assert.True(result["error"] is not null, $"{rule.Id} is listed as .NET-only but Onigmo takes it now: take it off the list");
                continue;
            }
            Assert.True(result["error"] is null, $"{rule.Id} ({rule.Location}): Onigmo rejects the exported pattern: {result["error"]}");
            // A generous timeout: a freshly built regex is slow on its first matches, and this machine is shared.
            var dotnet = new GrokCompiler(rule.Library, GrokCompileOptions.Default with { MatchTimeout = TimeSpan.FromMinutes(1) })
                .Compile(GrokDefinitions.Alternation(rule));
            for (var i = 0; i < rule.Examples.Count; i++)
            {
                var example = rule.Examples[i];
                var expected = dotnet.Match(example.Text);
                var actual = result["results"]![i]!;
                var context = $"{rule.Id} example at {example.Location}: \"{example.Text}\"";
                Assert.True(expected?.Value == actual["match"]?.GetValue<string>(),
                    $"{context}: .NET matched `{expected?.Value}`, Onigmo `{actual["match"]}`");
                var expectedCaptures = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var value in expected?.Values ?? [])
                {
                    if (value.Text is not null)
                    {
                        expectedCaptures[OnigmoRuleRegex.GroupName(groupPrefix, value.Capture.DottedName)] = value.Text;
                    }
                }
                var actualCaptures = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var (name, value) in actual["captures"]!.AsObject().Where(c => !c.Key.StartsWith("_funasr_matched", StringComparison.Ordinal)))
                {
                    actualCaptures[name] = value!.GetValue<string>();
                }
                Assert.True(expectedCaptures.SequenceEqual(actualCaptures),
                    $"{context}: .NET captured {string.Join(", ", expectedCaptures)}; Onigmo {string.Join(", ", actualCaptures)}");
                examples++;
                matched += expected is null ? 0 : 1;
            }
        }
        Assert.True(matched > 0);
        output.WriteLine($"{examples} examples of {Pack.Rules.Count} rules agree under Onigmo ({matched} matching, {examples - matched} not)");
    }

    /// <summary>A Fluent Bit classic-format parsers file: [PARSER] sections of `Key value` lines, # comments.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadFluentBitParsers(string text)
    {
        var parsers = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line == "[PARSER]")
            {
                current = [];
                continue;
            }
            Assert.NotNull(current);
            var split = line.IndexOfAny([' ', '\t']);
            Assert.True(split > 0, $"not a `Key value` line: {line}");
            current[line[..split]] = line[split..].TrimStart();
            if (line.StartsWith("Name ", StringComparison.Ordinal))
            {
                parsers.Add(current["Name"], current);
            }
        }
        return parsers;
    }
}
