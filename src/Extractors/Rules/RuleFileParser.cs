using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunAsr.Extractors.Rules;

/// <summary>
/// Parses one rule file (<c>patterns:</c> and <c>rules:</c>) into <see cref="Rule"/>s, validating it against the
/// schema (unknown keys are errors) and compiling every grok expression; problems go to the shared list with
/// file, line and column.
/// </summary>
internal sealed class RuleFileParser(string file, string text, PatternLibrary library, List<RuleProblem> problems, RuleLoadOptions options)
{
    /// <summary>Default per-pattern match timeout: tight next to Logstash's 30 s, since a segment is short, with room
    /// for a loaded machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly string[] RuleKeys =
        ["id", "description", "match", "mode", "scope", "fields", "when", "tags", "alert", "redact", "examples", "timeout_ms", "engine", "corrected_by"];

    private readonly YamlNodeReader _read = new(file, problems);

    public IReadOnlyList<Rule> Parse()
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            problems.Add(new RuleProblem(file, (int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}"));
            return [];
        }
        if (stream.Documents.Count == 0 || _read.Mapping(stream.Documents[0].RootNode, "a rule file") is not { } root)
        {
            return [];
        }
        var entries = _read.Entries(root, "the file", "patterns", "rules");
        var fileLibrary = entries.TryGetValue("patterns", out var patternsNode) ? library.With(Patterns(patternsNode)) : library;
        if (!entries.TryGetValue("rules", out var rulesNode))
        {
            _read.Problem(root, "a rule file needs a `rules:` list");
            return [];
        }
        if (rulesNode is not YamlSequenceNode sequence)
        {
            _read.Problem(rulesNode, "`rules` must be a list (each item starting with `- id:`)");
            return [];
        }
        var lines = text.Split('\n');
        var items = sequence.Children;
        var rules = new List<Rule>();
        for (var i = 0; i < items.Count; i++)
        {
            // A rule's text runs from its first line to the line before the next rule (YamlDotNet's node marks give
            // lines reliably, not character offsets).
            var firstLine = (int)items[i].Start.Line;
            var lastLine = i + 1 < items.Count ? (int)items[i + 1].Start.Line - 1 : lines.Length;
            var source = string.Join('\n', lines[(firstLine - 1)..Math.Max(firstLine - 1, lastLine)]);
            if (ParseRule(items[i], fileLibrary, source) is { } rule)
            {
                rules.Add(rule);
            }
        }
        return rules;
    }

    private IEnumerable<GrokPatternDefinition> Patterns(YamlNode node)
    {
        if (_read.Mapping(node, "`patterns`") is not { } mapping)
        {
            yield break;
        }
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                _read.Problem(key, $"pattern name `{name}` must be letters, digits or _");
            }
            else if (_read.Scalar(value, $"pattern {name}") is { } body)
            {
                yield return new GrokPatternDefinition(name, body, file, (int)key.Start.Line);
            }
        }
    }

    private Rule? ParseRule(YamlNode node, PatternLibrary fileLibrary, string source)
    {
        if (_read.Mapping(node, "a rule") is not { } mapping)
        {
            return null;
        }
        var before = problems.Count;
        var e = _read.Entries(mapping, "a rule", RuleKeys);
        var id = _read.Required(e, mapping, "id", "a rule") ?? "";
        var what = $"rule `{id}`";
        var timeoutMs = _read.Int(e.GetValueOrDefault("timeout_ms"), $"`timeout_ms` of {what}");
        var timeout = options.MatchTimeout ?? (timeoutMs is > 0 ? TimeSpan.FromMilliseconds(timeoutMs.Value) : DefaultTimeout);
        var engine = _read.OneOf(e.GetValueOrDefault("engine"), $"`engine` of {what}", "auto", "backtracking") ?? "auto";
        var compiler = new GrokCompiler(fileLibrary, new GrokCompileOptions
        {
            MatchTimeout = timeout,
            PreferNonBacktracking = engine == "auto" && options.AllowNonBacktracking,
            CompileToILMaxLength = options.CompileLongPatterns ? int.MaxValue : GrokCompileOptions.Default.CompileToILMaxLength,
        });
        var patterns = e.TryGetValue("match", out var matchNode) ? _read.List(matchNode, $"`match` of {what}") : [];
        if (!e.ContainsKey("match"))
        {
            _read.Problem(mapping, $"{what} has no `match` (a grok pattern or a list of them)");
        }
        var expressions = new List<GrokExpression>();
        foreach (var pattern in patterns)
        {
            try
            {
                expressions.Add(compiler.Compile(pattern));
            }
            catch (GrokPatternException ex)
            {
                _read.Problem(matchNode!, $"{what}: {ex.Message}");
            }
        }
        GrokExpression? correctedBy = null;
        if (_read.Scalar(e.GetValueOrDefault("corrected_by"), $"`corrected_by` of {what}") is { } correction)
        {
            try
            {
                correctedBy = compiler.Compile($"^(?:{correction})$");
            }
            catch (GrokPatternException ex)
            {
                _read.Problem(e["corrected_by"], $"`corrected_by` of {what}: {ex.Message}");
            }
        }
        var captured = expressions.SelectMany(x => x.Captures).Select(c => c.DottedName).ToHashSet();
        var fields = Fields(e.GetValueOrDefault("fields"), what, captured, expressions.Count == patterns.Count);
        var when = When(e.GetValueOrDefault("when"), what);
        var rule = new Rule(
            id,
            _read.Scalar(e.GetValueOrDefault("description"), $"`description` of {what}") ?? "",
            _read.At(mapping),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source.TrimEnd())))[..12],
            patterns,
            expressions,
            (_read.OneOf(e.GetValueOrDefault("mode"), $"`mode` of {what}", "first", "all") ?? "first") == "all",
            (_read.OneOf(e.GetValueOrDefault("scope"), $"`scope` of {what}", "segment", "transcript", "any") ?? "segment") switch
            {
                "transcript" => ExtractionScope.Transcript,
                "any" => null,
                _ => ExtractionScope.Segment,
            },
            fields,
            when,
            _read.List(e.GetValueOrDefault("tags"), $"`tags` of {what}"),
            Alert(e.GetValueOrDefault("alert"), what, [.. captured, .. when.FieldsPresent]),
            Redact(e.GetValueOrDefault("redact"), what, captured),
            Examples(e.GetValueOrDefault("examples"), what),
            timeout)
        {
            Library = fileLibrary,
            CorrectedBy = correctedBy,
        };
        return problems.Count == before ? rule : null;
    }

    private IReadOnlyList<RuleField> Fields(YamlNode? node, string what, HashSet<string> captured, bool allCompiled)
    {
        if (node is null || _read.Mapping(node, $"`fields` of {what}") is not { } mapping)
        {
            return [];
        }
        var fields = new List<RuleField>();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (allCompiled && !captured.Contains(name))
            {
                _read.Problem(key, $"field `{name}` of {what} is not captured by its match (captures: {string.Join(", ", captured.Order())})");
            }
            string? typeName;
            string region = "CN", currency = "CNY";
            var validation = FieldValidation.None;
            var pmBelow = RuleField.DefaultPmBelow;
            if (value is YamlMappingNode spec)
            {
                var entries = _read.Entries(spec, $"field `{name}`", "type", "region", "currency", "validate", "pm_below");
                typeName = _read.Required(entries, spec, "type", $"field `{name}`");
                region = _read.OneOf(entries.GetValueOrDefault("region"), $"`region` of field `{name}`", "CN", "US", "CA") ?? region;
                currency = _read.OneOf(entries.GetValueOrDefault("currency"), $"`currency` of field `{name}`", "CNY", "USD") ?? currency;
                var validate = _read.OneOf(entries.GetValueOrDefault("validate"), $"`validate` of field `{name}`", [.. RuleField.ValidationNames.Values]);
                validation = RuleField.ValidationNames.FirstOrDefault(v => v.Value == validate).Key;
                pmBelow = _read.Int(entries.GetValueOrDefault("pm_below"), $"`pm_below` of field `{name}`") ?? pmBelow;
                if (pmBelow is < 0 or > 12)
                {
                    _read.Problem(entries["pm_below"], $"`pm_below` of field `{name}` must be 0–12, found {pmBelow}");
                }
            }
            else
            {
                typeName = _read.Scalar(value, $"field `{name}`");
            }
            var type = RuleField.TypeNames.FirstOrDefault(t => t.Value == typeName).Key;
            if (typeName is not null && RuleField.TypeNames.All(t => t.Value != typeName))
            {
                _read.Problem(value, $"unknown type `{typeName}` for field `{name}` (known: {string.Join(", ", RuleField.TypeNames.Values)})");
            }
            fields.Add(new RuleField(name, type, region, currency, validation, pmBelow));
        }
        return fields;
    }

    private RuleCondition When(YamlNode? node, string what)
    {
        if (node is null || _read.Mapping(node, $"`when` of {what}") is not { } mapping)
        {
            return RuleCondition.Always;
        }
        var e = _read.Entries(mapping, $"`when` of {what}", "speaker", "channel", "language", "fields_present", "metrics");
        var channels = new List<int>();
        foreach (var channel in _read.List(e.GetValueOrDefault("channel"), $"`when.channel` of {what}"))
        {
            if (int.TryParse(channel, out var c))
            {
                channels.Add(c);
            }
            else
            {
                _read.Problem(e["channel"], $"`when.channel` of {what} must be a channel number, found `{channel}`");
            }
        }
        var metrics = new List<(string, string, double)>();
        if (e.TryGetValue("metrics", out var metricsNode) && _read.Mapping(metricsNode, $"`when.metrics` of {what}") is { } metricMap)
        {
            foreach (var (key, value) in metricMap.Children)
            {
                var metric = (key as YamlScalarNode)?.Value ?? "";
                if (_read.Mapping(value, $"metric `{metric}` (e.g. {{ gt: 0.5 }})") is not { } bounds)
                {
                    continue;
                }
                foreach (var (opNode, boundNode) in bounds.Children)
                {
                    var op = (opNode as YamlScalarNode)?.Value ?? "";
                    var bound = _read.Scalar(boundNode, $"bound of metric `{metric}`");
                    if (op is not ("gt" or "gte" or "lt" or "lte" or "eq"))
                    {
                        _read.Problem(opNode, $"unknown comparison `{op}` for metric `{metric}` (allowed: gt, gte, lt, lte, eq)");
                    }
                    else if (!double.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        _read.Problem(boundNode, $"bound of metric `{metric}` must be a number, found `{bound}`");
                    }
                    else
                    {
                        metrics.Add((metric, op, number));
                    }
                }
            }
        }
        return new RuleCondition(
            _read.List(e.GetValueOrDefault("speaker"), $"`when.speaker` of {what}"),
            channels,
            _read.List(e.GetValueOrDefault("language"), $"`when.language` of {what}"),
            _read.List(e.GetValueOrDefault("fields_present"), $"`when.fields_present` of {what}"),
            metrics);
    }

    private RuleAlertSpec? Alert(YamlNode? node, string what, HashSet<string> captured)
    {
        if (node is null || _read.Mapping(node, $"`alert` of {what}") is not { } mapping)
        {
            return null;
        }
        var e = _read.Entries(mapping, $"`alert` of {what}", "severity", "message");
        var severity = _read.OneOf(e.GetValueOrDefault("severity"), $"`alert.severity` of {what}", [.. RuleAlertSpec.Severities]) ?? "medium";
        var message = _read.Required(e, mapping, "message", $"`alert` of {what}") ?? "";
        foreach (var placeholder in AlertTemplate.Placeholders(message).Where(p => p is not ("text" or "rule") && !captured.Contains(p)))
        {
            _read.Problem(e["message"], $"alert message of {what} uses {{{placeholder}}}, which neither its match captures nor its when.fields_present names");
        }
        return new RuleAlertSpec(severity, message);
    }

    private RedactSpec? Redact(YamlNode? node, string what, HashSet<string> captured)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode { Value: "true" }:
                return new RedactSpec('*', 0, []);
            case YamlScalarNode { Value: "false" }:
                return null;
        }
        if (_read.Mapping(node, $"`redact` of {what} (true, or mask/keep_last/fields)") is not { } mapping)
        {
            return null;
        }
        var e = _read.Entries(mapping, $"`redact` of {what}", "mask", "keep_last", "fields");
        var mask = _read.Scalar(e.GetValueOrDefault("mask"), $"`redact.mask` of {what}") ?? "*";
        if (mask.Length != 1)
        {
            _read.Problem(e["mask"], $"`redact.mask` of {what} must be one character, found `{mask}`");
        }
        var fields = _read.List(e.GetValueOrDefault("fields"), $"`redact.fields` of {what}");
        foreach (var field in fields.Where(f => !captured.Contains(f)))
        {
            _read.Problem(e["fields"], $"`redact.fields` of {what} names `{field}`, which its match does not capture");
        }
        return new RedactSpec(mask.Length > 0 ? mask[0] : '*', _read.Int(e.GetValueOrDefault("keep_last"), $"`redact.keep_last` of {what}") ?? 0, fields);
    }

    private IReadOnlyList<RuleExample> Examples(YamlNode? node, string what)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not YamlSequenceNode sequence)
        {
            _read.Problem(node, $"`examples` of {what} must be a list of {{ text, fields }} items");
            return [];
        }
        var examples = new List<RuleExample>();
        foreach (var item in sequence)
        {
            if (_read.Mapping(item, $"an example of {what}") is not { } mapping)
            {
                continue;
            }
            var e = _read.Entries(mapping, $"an example of {what}", "text", "fields", "tags", "redacted", "speaker", "language");
            var text = _read.Required(e, mapping, "text", $"an example of {what}") ?? "";
            var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (e.TryGetValue("fields", out var fieldsNode) && _read.Mapping(fieldsNode, $"`fields` of an example of {what}") is { } fieldMap)
            {
                foreach (var (key, value) in fieldMap.Children)
                {
                    fields[(key as YamlScalarNode)?.Value ?? ""] = _read.List(value, $"expected value of an example of {what}");
                }
            }
            examples.Add(new RuleExample(
                text,
                fields,
                _read.List(e.GetValueOrDefault("tags"), $"`tags` of an example of {what}"),
                _read.Scalar(e.GetValueOrDefault("redacted"), $"`redacted` of an example of {what}"),
                _read.Scalar(e.GetValueOrDefault("speaker"), $"`speaker` of an example of {what}"),
                _read.Scalar(e.GetValueOrDefault("language"), $"`language` of an example of {what}"),
                _read.At(mapping)));
        }
        return examples;
    }
}
