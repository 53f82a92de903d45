using System.CommandLine;
using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Extractors.Export;
using FunAsr.Ingest.Events;

namespace FunAsr.Ingest.Cli;

/// <summary><c>rules lint|test|export</c>: check a rule directory, run every rule's examples, export to Elasticsearch, Logstash, Fluent Bit or Vector.</summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var command = new Command("rules",
            "Work with a directory of YAML grok rules (*.yaml) and pattern files (*.grok).\n" +
            "Examples:\n" +
            "  funasr-pipeline rules lint rules/\n" +
            "  funasr-pipeline rules test rules/ --verbose\n" +
            "  funasr-pipeline rules export --format elasticsearch rules/ > pipeline.json\n" +
            "  funasr-pipeline rules export --format fluent-bit rules/ > funasr-parsers.conf");
        command.Subcommands.Add(Lint());
        command.Subcommands.Add(Test());
        command.Subcommands.Add(Export());
        return command;
    }

    private static Argument<string> DirectoryArgument() => new("dir")
    {
        Description = "The rule directory (searched recursively for *.yaml, *.yml and *.grok).",
        DefaultValueFactory = _ => "rules",
    };

    private static Command Lint()
    {
        var dir = DirectoryArgument();
        var command = new Command("lint",
            "Load and validate every rule and pattern file; print each problem as path:line:col: message and exit 2 if any.\n" +
            "Example: funasr-pipeline rules lint rules/");
        command.Arguments.Add(dir);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var rules = RuleSet.Load(pr.GetValue(dir)!);
            var examples = rules.Rules.Sum(r => r.Examples.Count);
            await pr.InvocationConfiguration.Output.WriteLineAsync(
                $"{rules.Directory}: {rules.Rules.Count} rules, {examples} examples, version {rules.Version}: OK");
            return 0;
        }));
        return command;
    }

    private static Command Test()
    {
        var dir = DirectoryArgument();
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "Also show passing examples, each capture with its [start,length] span, and the expanded regex of every pattern.",
        };
        var command = new Command("test",
            "Run every rule's examples and print a grok-debugger-style report: what matched where, PASS/FAIL per example. " +
            "Exit code 1 when an example fails.\n" +
            "Example: funasr-pipeline rules test rules/ --verbose");
        command.Arguments.Add(dir);
        command.Options.Add(verbose);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var output = pr.InvocationConfiguration.Output;
            var rules = RuleSet.Load(pr.GetValue(dir)!);
            var outcomes = RuleExampleRunner.Run(rules).ToList();
            foreach (var byRule in outcomes.GroupBy(o => o.Rule))
            {
                var rule = byRule.Key;
                if (!pr.GetValue(verbose) && byRule.All(o => o.Passed))
                {
                    await output.WriteLineAsync($"PASS {rule.Id} ({byRule.Count()} examples)");
                    continue;
                }
                await output.WriteLineAsync($"{(byRule.All(o => o.Passed) ? "PASS" : "FAIL")} {rule.Id}  {rule.Location}  version {rule.Version}");
                if (pr.GetValue(verbose))
                {
                    foreach (var expression in rule.Expressions)
                    {
                        await output.WriteLineAsync($"    pattern  {expression.Grok}");
                        await output.WriteLineAsync($"    regex    {expression.Expanded}  [{(expression.IsNonBacktracking ? "non-backtracking" : "backtracking")}]");
                    }
                }
                foreach (var outcome in byRule.Where(o => pr.GetValue(verbose) || !o.Passed))
                {
                    await output.WriteLineAsync($"  {(outcome.Passed ? "ok  " : "FAIL")} {outcome.Example.Location}  \"{outcome.Example.Text}\"");
                    foreach (var field in outcome.Result.Fields)
                    {
                        await output.WriteLineAsync($"         {field.Name} = {field.ValueText}  ({field.Type}, \"{field.Text}\" at [{field.Start},{field.Length}])");
                    }
                    if (outcome.Result.Tags.Count > 0)
                    {
                        await output.WriteLineAsync($"         tags: {string.Join(", ", outcome.Result.Tags)}");
                    }
                    if (outcome.Result.RedactedText != outcome.Example.Text)
                    {
                        await output.WriteLineAsync($"         redacted: {outcome.Result.RedactedText}");
                    }
                    foreach (var problem in outcome.Problems)
                    {
                        await output.WriteLineAsync($"         ✗ {problem}");
                    }
                }
            }
            var failed = outcomes.Count(o => !o.Passed);
            await output.WriteLineAsync($"{outcomes.Count - failed}/{outcomes.Count} examples passed in {rules.Rules.Count} rules (rule pack {rules.Version})");
            return failed == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command Export()
    {
        var dir = DirectoryArgument();
        var format = new Option<string>("--format")
        {
            Description = "elasticsearch: an ingest pipeline body for PUT _ingest/pipeline/<id>. logstash: a filter { } block of grok " +
                "filters with pattern_definitions. fluent-bit: a parsers file of Onigmo regex parsers. vector: a remap transform " +
                "calling VRL parse_groks with aliases.",
            DefaultValueFactory = _ => "elasticsearch",
        };
        format.AcceptOnlyFromAmong("elasticsearch", "logstash", "fluent-bit", "vector");
        var field = new Option<string?>("--field")
        {
            Description = "The event field the rules read, dotted for nested fields. Default: log for fluent-bit, message otherwise " +
                "(text for our own transcript documents).",
        };
        var target = new Option<string>("--target")
        {
            Description = "logstash, vector: the field captures go under.",
            DefaultValueFactory = _ => EventExtractionOptions.DefaultTarget,
        };
        var command = new Command("export",
            "Translate the rules for another engine. Each rule keeps its first match there, and the phone/time/money normalizers " +
            "do not run (fields stay as matched text); tags are added when a rule matches.\n" +
            "  elasticsearch  one grok processor per rule with pattern_definitions (every pattern it uses, so it does not depend on " +
            "Elasticsearch's own copy), convert processors for int/float/bool fields, append processors for tags\n" +
            "  logstash       the same grok patterns as grok filters with pattern_definitions, captures under --target\n" +
            "  fluent-bit     one regex parser funasr_<rule> per rule (captures funasr_<field>), and the parser filters to add\n" +
            "  vector         a remap transform: parse_groks per rule, the rule as an alias, results under --target\n" +
            "Examples:\n" +
            "  funasr-pipeline rules export --format elasticsearch --field text rules/ > pipeline.json\n" +
            "  curl -XPUT localhost:9200/_ingest/pipeline/callcentre -H 'Content-Type: application/json' -d @pipeline.json\n" +
            "  funasr-pipeline rules export --format logstash rules/ > /etc/logstash/conf.d/50-funasr.conf\n" +
            "  funasr-pipeline rules export --format fluent-bit rules/ > /etc/fluent-bit/funasr-parsers.conf\n" +
            "  funasr-pipeline rules export --format vector --field message rules/ > /etc/vector/funasr.yaml");
        command.Arguments.Add(dir);
        command.Options.Add(format);
        command.Options.Add(field);
        command.Options.Add(target);
        command.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var rules = RuleSet.Load(pr.GetValue(dir)!);
            var selected = pr.GetValue(format)!;
            var source = pr.GetValue(field) ?? (selected == "fluent-bit" ? "log" : "message");
            var text = selected switch
            {
                "logstash" => LogstashFilterExporter.Export(rules, source, pr.GetValue(target)!),
                "fluent-bit" => FluentBitParsersExporter.Export(rules, source),
                "vector" => VectorRemapExporter.Export(rules, source, pr.GetValue(target)!),
                _ => ElasticsearchPipelineExporter.Export(rules, source).ToJsonString(
                    new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n",
            };
            await pr.InvocationConfiguration.Output.WriteAsync(text);
            return 0;
        }));
        return command;
    }
}
