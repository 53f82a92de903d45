using FunAsr.Extractors.Grok;

namespace FunAsr.Extractors.Rules;

/// <summary>One extraction rule as loaded from YAML (see README "Rules and extraction" for the format).</summary>
public sealed class Rule
{
    internal Rule(
        string id, string description, SourceLocation location, string version, IReadOnlyList<string> patterns,
        IReadOnlyList<GrokExpression> expressions, bool matchAll, ExtractionScope? scope, IReadOnlyList<RuleField> fields,
        RuleCondition when, IReadOnlyList<string> tags, RuleAlertSpec? alert, RedactSpec? redact,
        IReadOnlyList<RuleExample> examples, TimeSpan timeout)
    {
        Id = id;
        Description = description;
        Location = location;
        Version = version;
        Patterns = patterns;
        Expressions = expressions;
        MatchAll = matchAll;
        Scope = scope;
        Fields = fields;
        When = when;
        Tags = tags;
        Alert = alert;
        Redact = redact;
        Examples = examples;
        Timeout = timeout;
    }

    /// <summary>Unique id, e.g. <c>phone.cn_mobile</c>.</summary>
    public string Id { get; }

    /// <summary>What the rule finds.</summary>
    public string Description { get; }

    /// <summary>Where the rule starts in its file.</summary>
    public SourceLocation Location { get; }

    /// <summary>Content hash (12 hex digits) of the rule's YAML text; fields carry it.</summary>
    public string Version { get; }

    /// <summary>The grok expressions of <c>match:</c>, tried in order.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary><c>mode: all</c> (every non-overlapping match of every pattern) rather than the grok default
    /// <c>first</c> (the first pattern that matches, first match).</summary>
    public bool MatchAll { get; }

    /// <summary>The input scope the rule runs on; null runs on both. <value>Default <see cref="ExtractionScope.Segment"/>.</value></summary>
    public ExtractionScope? Scope { get; }

    /// <summary>Declared field types; captures not declared are strings (or their grok <c>:int</c>/<c>:float</c> suffix).</summary>
    public IReadOnlyList<RuleField> Fields { get; }

    /// <summary>Conditions on the input.</summary>
    public RuleCondition When { get; }

    /// <summary>Tags added when the rule matches.</summary>
    public IReadOnlyList<string> Tags { get; }

    /// <summary>The alert raised when the rule matches, if any.</summary>
    public RuleAlertSpec? Alert { get; }

    /// <summary>How matched spans are masked, if the rule redacts.</summary>
    public RedactSpec? Redact { get; }

    /// <summary>The rule's examples (its tests).</summary>
    public IReadOnlyList<RuleExample> Examples { get; }

    /// <summary>Match timeout per pattern. <value>Default 200 ms (<c>timeout_ms</c>).</value></summary>
    public TimeSpan Timeout { get; }

    internal IReadOnlyList<GrokExpression> Expressions { get; }

    /// <summary><c>corrected_by:</c> what a speaker says between a value and its correction ("不对，是", "sorry, I
    /// mean"), anchored to the whole gap; a match followed by such a gap and another match of the rule is dropped.</summary>
    internal GrokExpression? CorrectedBy { get; init; }

    /// <summary>The patterns the rule's expressions were resolved against (built-in, pattern files, file <c>patterns:</c>).</summary>
    internal PatternLibrary Library { get; init; } = PatternLibrary.Builtin();

    internal RuleField FieldFor(string name) =>
        Fields.FirstOrDefault(f => f.Name == name) ?? new RuleField(name, FieldType.String);
}
