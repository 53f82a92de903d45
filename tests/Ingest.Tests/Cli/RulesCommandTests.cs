using System.CommandLine;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Cli;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>The rules and extract commands, run in-process against the committed rules/ pack.</summary>
public sealed class RulesCommandTests
{
    private static readonly string Pack = RepoPaths.Of("rules");

    [Fact]
    public async Task Lint_reports_the_pack_as_valid()
    {
        var (code, stdout) = await Invoke("rules", "lint", Pack);
        Assert.Equal(0, code);
        Assert.Contains(": OK", stdout);
    }

    [Fact]
    public async Task Lint_exits_2_on_a_bad_rule_file()
    {
        var dir = Directory.CreateTempSubdirectory("bad-rules-").FullName;
        File.WriteAllText(Path.Combine(dir, "bad.yaml"), "rules:\n  - id: x\n    match: \"%{NOPE:y}\"\n");
        var (code, _) = await Invoke("rules", "lint", dir);
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Test_runs_every_example_and_shows_spans_in_verbose_mode()
    {
        var (code, stdout) = await Invoke("rules", "test", Pack, "--verbose");
        Assert.Equal(0, code);
        Assert.Matches(@"(\d+)/\1 examples passed", stdout);
        Assert.Contains("phone = 4008881234  (phone, \"4008881234\" at [12,10])", stdout);
        Assert.Contains("regex    ", stdout);
    }

    [Fact]
    public async Task Extract_adds_fields_to_ndjson_events_and_plain_lines()
    {
        var (code, stdout) = await Invoke("extract", "--rules", Pack, "--lang", "zh", "{\"message\":\"我的手机号是13812345678\",\"host\":\"a\"}", "营业时间是周一到周五上午9:00到下午6:00");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal("a", lines[0]["host"]!.GetValue<string>());
        Assert.Equal("+8613812345678", lines[0]["funasr"]!["fields"]!["phone"]!["e164"]!.GetValue<string>());
        Assert.Equal("phone.cn", lines[0]["funasr"]!["matches"]![0]!["rule"]!.GetValue<string>());
        Assert.Equal("营业时间是周一到周五上午9:00到下午6:00", lines[1]["message"]!.GetValue<string>());
        Assert.Equal("Mon-Fri", lines[1]["funasr"]!["fields"]!["days"]!.GetValue<string>());
        Assert.Equal("09:00", lines[1]["funasr"]!["fields"]!["hours"]!["start"]!.GetValue<string>());
        Assert.Equal("business_hours", lines[1]["funasr"]!["tags"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Export_writes_an_elasticsearch_pipeline_with_pattern_definitions()
    {
        var (code, stdout) = await Invoke("rules", "export", "--format", "elasticsearch", "--field", "text", Pack);
        Assert.Equal(0, code);
        var pipeline = JsonNode.Parse(stdout)!.AsObject();
        var groks = pipeline["processors"]!.AsArray().Select(p => p!["grok"]).OfType<JsonObject>().ToList();
        var phone = groks.Single(g => g["tag"]!.GetValue<string>() == "phone.cn");
        Assert.Equal("text", phone["field"]!.GetValue<string>());
        Assert.NotNull(phone["pattern_definitions"]!["CN_MOBILE"]);
        Assert.NotNull(phone["pattern_definitions"]!["FUNASR_RULE_PHONE_CN"]);
        Assert.Contains(pipeline["processors"]!.AsArray(), p => p!["append"]?["value"]?[0]?.GetValue<string>() == "complaint");
    }

    [Theory]
    [InlineData("logstash", "grok {", "pattern_definitions => {")]
    [InlineData("fluent-bit", "[PARSER]", "    Name   funasr_phone_cn")]
    [InlineData("vector", "type: remap", "parse_groks(funasr_text")]
    public async Task Export_writes_each_pipeline_format(string format, string first, string second)
    {
        var (code, stdout) = await Invoke("rules", "export", "--format", format, Pack);
        Assert.Equal(0, code);
        Assert.Contains(first, stdout);
        Assert.Contains(second, stdout);
        Assert.Contains("FUNASR_RULE_PHONE_CN", stdout.Replace("funasr_phone_cn", "FUNASR_RULE_PHONE_CN"));
    }

    private static async Task<(int Code, string Stdout)> Invoke(params string[] args)
    {
        var root = new RootCommand { RulesCommand.Create(), ExtractCommand.Create() };
        var stdout = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter() });
        return (code, stdout.ToString());
    }
}
