using System.CommandLine;
using System.Text.Json;
using FunAsr.Ingest.Api;
using FunAsr.Ingest.Cli;
using FunAsr.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace FunAsr.Ingest.Tests.Deploy;

/// <summary>
/// The configurations under deploy/pipelines/: the exported rule files are what <c>rules export</c> gives for rules/
/// today (regenerate with deploy/pipelines/export.sh), every file parses in its own format, and the hand-written
/// files point at the exported ones. The exports' regexes are checked under Onigmo by ExportDialectTests, the rsyslog
/// file by RsyslogPluginTests.
/// </summary>
public sealed class PipelineConfigTests
{
    private static string Deploy(params string[] parts) => RepoPaths.Of(["deploy", "pipelines", .. parts]);

    [Theory]
    [InlineData("logstash", "logstash/funasr-grok.conf")]
    [InlineData("elasticsearch", "filebeat/funasr-pipeline.json")]
    [InlineData("fluent-bit", "fluent-bit/funasr-parsers.conf")]
    [InlineData("vector", "vector/funasr-remap.yaml")]
    public async Task Exported_rule_files_are_current(string format, string file)
    {
        var root = new RootCommand { RulesCommand.Create() };
        var stdout = new StringWriter();
        Assert.Equal(0, await root.Parse(["rules", "export", "--format", format, RepoPaths.Of("rules")])
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter() }));
        var expected = stdout.ToString().Replace(RepoPaths.Of("rules"), "rules");
        Assert.True(expected == File.ReadAllText(Deploy(file)), $"deploy/pipelines/{file} is out of date with rules/: run deploy/pipelines/export.sh");
    }

    [Fact]
    public void Logstash_configs_parse_and_the_http_filter_sends_the_api_key_to_v1_extract()
    {
        var http = new LogstashConfigReader(File.ReadAllText(Deploy("logstash", "funasr-http.conf"))).ReadPlugins();
        var filter = Assert.Single(http, p => p.Plugin == "http").Attributes;
        Assert.EndsWith("/v1/extract", (string)filter["url"]);
        Assert.Contains(ApiKeyAuthentication.Header, ((Dictionary<string, object>)filter["headers"]).Keys);
        Assert.Equal("[funasr]", filter["target_body"]);
        var grok = new LogstashConfigReader(File.ReadAllText(Deploy("logstash", "funasr-grok.conf"))).ReadPlugins();
        Assert.All(grok.Where(p => p.Plugin == "grok"), p => Assert.IsType<Dictionary<string, object>>(p.Attributes["pattern_definitions"]));
    }

    [Fact]
    public void Fluent_bit_config_has_one_parser_filter_per_exported_parser()
    {
        var main = File.ReadAllText(Deploy("fluent-bit", "fluent-bit.conf"));
        Assert.Contains("Parsers_File funasr-parsers.conf", main);
        Assert.Contains("@INCLUDE funasr-filters.conf", main);
        var parsers = Values(File.ReadAllText(Deploy("fluent-bit", "funasr-parsers.conf")), "Name");
        var filters = Values(File.ReadAllText(Deploy("fluent-bit", "funasr-filters.conf")), "Parser");
        Assert.NotEmpty(parsers);
        Assert.Equal(parsers, filters);
    }

    [Fact]
    public void Vector_configs_parse_and_wire_the_remap_between_a_source_and_a_sink()
    {
        var main = Yaml("vector", "vector.yaml");
        var remap = Yaml("vector", "funasr-remap.yaml");
        var exec = Yaml("vector", "vector-exec.yaml");
        var transform = (YamlMappingNode)((YamlMappingNode)remap["transforms"])["funasr_extract"];
        var input = ((YamlScalarNode)((YamlSequenceNode)transform["inputs"])[0]).Value!;
        Assert.Contains(new YamlScalarNode(input), ((YamlMappingNode)main["sources"]).Children.Keys);
        Assert.Equal("funasr_extract", ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)main["sinks"])["funasr_out"])["inputs"])[0]).Value);
        var source = (YamlMappingNode)((YamlMappingNode)exec["sources"])["funasr_extracted"];
        Assert.Equal("exec", ((YamlScalarNode)source["type"]).Value);
        Assert.Contains(" extract ", string.Join(" ", ((YamlSequenceNode)source["command"]).Select(c => ((YamlScalarNode)c).Value)));
    }

    [Fact]
    public void Filebeat_config_names_the_pipeline_it_loads()
    {
        using var pipeline = JsonDocument.Parse(File.ReadAllText(Deploy("filebeat", "funasr-pipeline.json")));
        Assert.True(pipeline.RootElement.GetProperty("processors").GetArrayLength() > 0);
        var text = File.ReadAllText(Deploy("filebeat", "filebeat.yml"));
        var output = (YamlMappingNode)Yaml("filebeat", "filebeat.yml")["output.elasticsearch"];
        var name = ((YamlScalarNode)output["pipeline"]).Value!;
        Assert.Contains($"_ingest/pipeline/{name}\"", text);
    }

    private static YamlMappingNode Yaml(params string[] file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Deploy(file))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    /// <summary>The values of a key in a Fluent Bit classic-format file, in order (comments skipped).</summary>
    private static List<string> Values(string text, string key) => [.. text.Split('\n')
        .Select(l => l.Trim())
        .Where(l => !l.StartsWith('#') && l.StartsWith(key + " ", StringComparison.Ordinal))
        .Select(l => l[key.Length..].Trim())];
}
