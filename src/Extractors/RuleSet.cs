using System.Security.Cryptography;
using System.Text;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors;

/// <summary>
/// A validated, compiled set of extraction rules loaded from a directory: every <c>*.grok</c> pattern file (added to
/// the built-in pattern library) and every <c>*.yaml</c>/<c>*.yml</c> rule file, recursively, in path order.
/// Immutable and thread-safe.
/// </summary>
public sealed class RuleSet
{
    private RuleSet(string directory, string version, IReadOnlyList<Rule> rules)
    {
        Directory = directory;
        Version = version;
        Rules = rules;
    }

    /// <summary>The directory the rules came from.</summary>
    public string Directory { get; }

    /// <summary>Content hash (12 hex digits) of every rule and pattern file: the rule-pack version stored with results.</summary>
    public string Version { get; }

    /// <summary>The rules in load order (file path order, then order in the file).</summary>
    public IReadOnlyList<Rule> Rules { get; }

    /// <summary>
    /// The phrases the rules look for word for word (e.g. 退款, 投诉, 取消订单, refund, money back), in rule order without
    /// duplicates: literal alternatives of the <c>match:</c> expressions outside grok references and character classes
    /// (see the README, "Hotwords"). Used as recognizer hotwords with <c>hotwords: { from_rules: true }</c>.
    /// </summary>
    public IReadOnlyList<string> LiteralPhrases() =>
        Rules.SelectMany(r => r.Patterns).SelectMany(RuleLiterals.Of).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Loads and validates every rule file under <paramref name="directory"/>. Throws <see cref="RuleFileException"/>
    /// listing every problem (with file, line and column) if any file has one; nothing is half-loaded.
    /// </summary>
    public static RuleSet Load(string directory) => Load(directory, RuleLoadOptions.Default);

    /// <summary>Loads like <see cref="Load(string)"/> with <paramref name="options"/> applied to every rule.</summary>
    public static RuleSet Load(string directory, RuleLoadOptions options)
    {
        var problems = new List<RuleProblem>();
        if (!System.IO.Directory.Exists(directory))
        {
            throw new RuleFileException([new RuleProblem(directory, 1, 1, "rule directory does not exist")]);
        }
        var files = System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".grok", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path: f, Text: File.ReadAllText(f)))
            .ToList();
        var hash = SHA256.Create();
        foreach (var (path, text) in files)
        {
            var bytes = Encoding.UTF8.GetBytes(Path.GetRelativePath(directory, path) + "\n" + text + "\n");
            hash.TransformBlock(bytes, 0, bytes.Length, null, 0);
        }
        hash.TransformFinalBlock([], 0, 0);
        var version = Convert.ToHexStringLower(hash.Hash!)[..12];
        return Build(directory, version, files, problems, options);
    }

    /// <summary>Builds a rule set from YAML text (one rule file), e.g. for tests and tools.</summary>
    public static RuleSet Parse(string yaml, string name = "inline.yaml", RuleLoadOptions? options = null)
    {
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)))[..12];
        return Build(name, version, [(name, yaml)], [], options ?? RuleLoadOptions.Default);
    }

    private static RuleSet Build(
        string directory, string version, List<(string Path, string Text)> files, List<RuleProblem> problems, RuleLoadOptions options)
    {
        var patterns = new List<GrokPatternDefinition>();
        foreach (var (path, text) in files.Where(f => f.Path.EndsWith(".grok", StringComparison.Ordinal)))
        {
            try
            {
                patterns.AddRange(PatternFile.Parse(text, path));
            }
            catch (GrokPatternException e)
            {
                problems.Add(new RuleProblem(path, e.Line ?? 1, 1, e.Message));
            }
        }
        var library = PatternLibrary.Builtin().With(patterns);
        var rules = new List<Rule>();
        foreach (var (path, text) in files.Where(f => !f.Path.EndsWith(".grok", StringComparison.Ordinal)))
        {
            rules.AddRange(new RuleFileParser(path, text, library, problems, options).Parse());
        }
        foreach (var duplicate in rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            foreach (var rule in duplicate.Skip(1))
            {
                problems.Add(new RuleProblem(rule.Location.File, rule.Location.Line, rule.Location.Column,
                    $"rule id `{rule.Id}` is already used at {duplicate.First().Location}"));
            }
        }
        if (problems.Count > 0)
        {
            throw new RuleFileException(problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ThenBy(p => p.Column).ToList());
        }
        return new RuleSet(directory, version, rules);
    }
}
