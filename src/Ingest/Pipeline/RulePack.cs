using FunAsr.Extractors;
using FunAsr.Ingest.Configuration;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// The host's rule pack, reloaded while it runs: a <see cref="RuleSetWatcher"/> over the resolved folder swaps in
/// each edit that loads, and an edit that does not load is logged with its <c>file:line:col</c> problems while the
/// last good rules stay in use. Recordings take <see cref="Current"/> once, so each is extracted by one version.
/// </summary>
internal sealed class RulePack : IDisposable
{
    private readonly RuleSetWatcher? _watcher;
    private volatile Snapshot _current = new(null, "");

    /// <summary>Loads the pack now (throws <see cref="RuleFileException"/> when it is bad) and watches it for edits.</summary>
    public RulePack(RulePackLocation? location, ILogger logger)
    {
        if (location is null)
        {
            logger.LogWarning("No rule pack (rules.directory, {Variable} or a bundled rules/ beside the application): transcripts are stored without extracted fields.",
                RulePackLocation.EnvironmentVariable);
            return;
        }
        _watcher = new RuleSetWatcher(location.Directory);
        var rules = _watcher.Current;
        _current = new Snapshot(new Extractor(rules), rules.Version);
        LiteralPhrases = rules.LiteralPhrases();
        logger.LogInformation("Rule pack {Directory} ({Origin}): version {Version}, {Count} rules.", location.Directory, location.Origin, rules.Version, rules.Rules.Count);
        _watcher.Reloaded += next =>
        {
            _current = new Snapshot(new Extractor(next), next.Version);
            logger.LogInformation("Rules reloaded from {Directory}: version {Version}, {Count} rules.", next.Directory, next.Version, next.Rules.Count);
        };
        _watcher.ReloadFailed += problem =>
            logger.LogError("Rule files in {Directory} changed but do not load; keeping version {Version}: {Problems}",
                location.Directory, _current.Version, problem.Message);
    }

    /// <summary>The rules in use: the extractor (null without a pack) and its version (empty without).</summary>
    public Snapshot Current => _current;

    /// <summary>The words the rules look for, as loaded at start (they feed the recognizer's hotwords, built once).</summary>
    public IReadOnlyList<string> LiteralPhrases { get; } = [];

    public void Dispose() => _watcher?.Dispose();

    /// <summary>One loaded version of the pack.</summary>
    internal sealed record Snapshot(Extractor? Extractor, string Version);
}
