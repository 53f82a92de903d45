using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// A set of named grok patterns. The built-in library is embedded in this assembly (<c>Patterns/*.grok</c>, then
/// the files of the chosen compatibility folder, which override); <see cref="With"/> layers more definitions on
/// top (pattern files of a rule directory, a rule's <c>pattern_definitions</c>), later definitions winning as in
/// Logstash. Immutable and thread-safe.
/// </summary>
internal sealed class PatternLibrary
{
    private const string ResourcePrefix = "patterns/";
    private static readonly ConcurrentDictionary<GrokCompatibility, PatternLibrary> BuiltinCache = new();
    private readonly FrozenDictionary<string, GrokPatternDefinition> _definitions;

    private PatternLibrary(IEnumerable<GrokPatternDefinition> definitions)
    {
        var map = new Dictionary<string, GrokPatternDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            map[definition.Name] = definition;
        }
        _definitions = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>An empty library (only what <see cref="With"/> adds).</summary>
    public static PatternLibrary Empty { get; } = new([]);

    /// <summary>Names of every pattern, sorted.</summary>
    public IEnumerable<string> Names => _definitions.Keys.Order(StringComparer.Ordinal);

    /// <summary>All definitions.</summary>
    public IEnumerable<GrokPatternDefinition> Definitions => _definitions.Values;

    /// <summary>The built-in library for <paramref name="compatibility"/> (loaded once).</summary>
    public static PatternLibrary Builtin(GrokCompatibility compatibility = GrokCompatibility.Legacy) =>
        BuiltinCache.GetOrAdd(compatibility, LoadBuiltin);

    /// <summary>A new library with <paramref name="definitions"/> added; a name defined again replaces the earlier one.</summary>
    public PatternLibrary With(IEnumerable<GrokPatternDefinition> definitions) =>
        new(_definitions.Values.Concat(definitions));

    /// <summary>Looks a pattern up by name (case-sensitive).</summary>
    public bool TryGet(string name, out GrokPatternDefinition definition) =>
        _definitions.TryGetValue(name, out definition!);

    private static PatternLibrary LoadBuiltin(GrokCompatibility compatibility)
    {
        var folder = compatibility == GrokCompatibility.EcsV1 ? "ecs-v1/" : "legacy/";
        var assembly = typeof(PatternLibrary).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).ToList();
        var common = names.Where(n => n.IndexOf('/', ResourcePrefix.Length) < 0).Order(StringComparer.Ordinal);
        var specific = names.Where(n => n.StartsWith(ResourcePrefix + folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        var definitions = new List<GrokPatternDefinition>();
        foreach (var name in common.Concat(specific))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            definitions.AddRange(PatternFile.Parse(reader.ReadToEnd(), "builtin:" + name[ResourcePrefix.Length..]));
        }
        return new PatternLibrary(definitions);
    }
}
