using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;

namespace FunAsr.Extractors.Tests.Grok.Conformance;

/// <summary>
/// The event semantics of logstash-filter-grok 4.4.4 (lib/logstash/filters/grok.rb) around our compiler and
/// library, so the upstream filter specs can be replayed: match per field (array values element by element),
/// break_on_match with its "last pattern decides" quirk, append-unless-overwrite, target, keep_empty_captures,
/// tag_on_failure and _groktimeout, pattern files and pattern_definitions precedence.
/// </summary>
internal sealed class LogstashGrokFilter
{
    private readonly List<(string Field, List<GrokExpression> Groks)> _match = [];
    private readonly bool _breakOnMatch;
    private readonly bool _keepEmpty;
    private readonly HashSet<string> _overwrite;
    private readonly IReadOnlyList<string> _target;
    private readonly List<string> _tagOnFailure;
    private readonly TimeSpan? _eventTimeout;

    public LogstashGrokFilter(GrokVector vector, string scratchDirectory, TimeSpan? hangBudget = null)
    {
        var o = vector.Options;
        _breakOnMatch = o["break_on_match"]?.GetValue<bool>() ?? true;
        _keepEmpty = o["keep_empty_captures"]?.GetValue<bool>() ?? false;
        _overwrite = (o["overwrite"]?.AsArray().Select(n => n!.GetValue<string>()) ?? []).ToHashSet();
        _target = o["target"] is { } t ? GrokCapture.ParsePath(t.GetValue<string>()) : [];
        _tagOnFailure = o["tag_on_failure"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? ["_grokparsefailure"];
        var timeoutMillis = o["timeout_millis"]?.GetValue<int>() ?? 30000;
        var timeout = timeoutMillis == 0 ? hangBudget ?? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(timeoutMillis);
        _eventTimeout = o["timeout_scope"]?.GetValue<string>() == "event" ? timeout : null;

        var mode = vector.EcsMode == "ecs-v1" ? GrokCompatibility.EcsV1 : GrokCompatibility.Legacy;
        var library = PatternLibrary.Builtin(mode).With(PatternFiles(o, scratchDirectory));
        if (o["pattern_definitions"] is JsonObject definitions)
        {
            library = library.With(definitions.Select(d => new GrokPatternDefinition(d.Key, d.Value!.GetValue<string>(), "pattern_definitions", 0)));
        }
        var compiler = new GrokCompiler(library, new GrokCompileOptions
        {
            NamedCapturesOnly = o["named_captures_only"]?.GetValue<bool>() ?? true,
            MatchTimeout = timeout,
            PreferNonBacktracking = false,
            CompileToIL = false,
        });
        if (o["match"] is JsonObject match)
        {
            foreach (var (field, patterns) in match)
            {
                var list = patterns is JsonArray array ? array.Select(p => p!.GetValue<string>()) : [patterns!.GetValue<string>()];
                _match.Add((field, list.Select(compiler.Compile).ToList()));
            }
        }
        else
        {
            _match.Add(("message", [compiler.Compile(vector.Pattern)]));
        }
    }

    /// <summary>Runs the filter on <paramref name="evt"/> in place; returns whether it counted as matched.</summary>
    public bool Filter(JsonObject evt)
    {
        var matched = false;
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var (field, groks) in _match)
            {
                if (evt[field] is not { } value)
                {
                    continue;
                }
                if (value is JsonArray array)
                {
                    var any = false;
                    foreach (var element in array.ToList())
                    {
                        any |= MatchAgainst(groks, AsRubyString(element), evt, clock);
                    }
                    matched = any;
                }
                else
                {
                    matched = MatchAgainst(groks, AsRubyString(value), evt, clock);
                }
                if (matched && _breakOnMatch)
                {
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            AddTag(evt, "_groktimeout");
            return false;
        }
        if (!matched)
        {
            _tagOnFailure.ForEach(tag => AddTag(evt, tag));
        }
        return matched;
    }

    private bool MatchAgainst(List<GrokExpression> groks, string input, JsonObject evt, Stopwatch clock)
    {
        var matched = false;
        foreach (var grok in groks)
        {
            var match = grok.Match(input);
            if (_eventTimeout is { } budget && clock.Elapsed > budget)
            {
                throw new RegexMatchTimeoutException(input, grok.Expanded, budget);
            }
            matched = match is not null;
            if (match is not null)
            {
                foreach (var value in match.Values)
                {
                    Handle(value, evt);
                }
            }
            if (matched && _breakOnMatch)
            {
                break;
            }
        }
        return matched;
    }

    private void Handle(GrokCaptureValue value, JsonObject evt)
    {
        if (!_keepEmpty && string.IsNullOrEmpty(value.Text))
        {
            return;
        }
        var path = _target.Concat(value.Capture.Path).ToList();
        JsonNode? node = value.Converted switch
        {
            null => null,
            long l => JsonValue.Create(l),
            double d => JsonValue.Create(d),
            bool b => JsonValue.Create(b),
            var other => JsonValue.Create(other.ToString()),
        };
        var parent = evt;
        foreach (var segment in path.SkipLast(1))
        {
            if (parent[segment] is not JsonObject child)
            {
                child = [];
                parent[segment] = child;
            }
            parent = child;
        }
        var leaf = path[^1];
        if (_overwrite.Contains(value.Capture.FieldName) || !parent.ContainsKey(leaf) || parent[leaf] is null)
        {
            parent[leaf] = node;
        }
        else if (parent[leaf] is JsonArray existing)
        {
            existing.Add(node);
        }
        else if (parent[leaf] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
        {
            parent[leaf] = new JsonArray(v.DeepClone(), node);
        }
    }

    private static string AsRubyString(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        null => "",
        _ => node.ToJsonString(),
    };

    private static void AddTag(JsonObject evt, string tag)
    {
        if (evt["tags"] is not JsonArray tags)
        {
            tags = [];
            evt["tags"] = tags;
        }
        if (!tags.Any(t => t!.GetValue<string>() == tag))
        {
            tags.Add(tag);
        }
    }

    private static IEnumerable<GrokPatternDefinition> PatternFiles(JsonObject options, string scratch)
    {
        if (options["pattern_files"] is not JsonObject files)
        {
            return [];
        }
        var home = Directory.CreateDirectory(Path.Combine(scratch, "home", "patterns")).FullName;
        var dir = Directory.CreateDirectory(Path.Combine(scratch, "patterns_dir")).FullName;
        foreach (var sub in options["patterns_dir_subdirs"]?.AsArray() ?? [])
        {
            var subdir = Directory.CreateDirectory(Path.Combine(dir, sub!.GetValue<string>()));
            File.WriteAllText(Path.Combine(subdir.FullName, "grok.pattern"), "WORD \\b[2-5]\\b\n");
        }
        foreach (var (name, body) in files)
        {
            var file = name.Replace("$LOGSTASH_HOME/patterns", home).Replace("$patterns_dir", dir);
            File.WriteAllText(file, body!.GetValue<string>() + "\n");
        }
        var glob = options["patterns_files_glob"]?.GetValue<string>() ?? "*";
        var ordered = Directory.GetFiles(home).Order(StringComparer.Ordinal)
            .Concat(Directory.GetFiles(dir, glob, SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));
        return ordered.SelectMany(f => PatternFile.Parse(File.ReadAllText(f), f)).ToList();
    }
}
