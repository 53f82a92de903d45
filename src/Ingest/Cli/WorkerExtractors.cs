using FunAsr.Extractors;
using FunAsr.Extractors.Rules;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// The <see cref="Extractor"/> each <c>extract</c> worker runs. .NET's <c>Regex</c> keeps one runner per instance, so
/// when two threads match the same regex at once one of them builds a fresh runner (with its backtracking stacks) for
/// that match. A pack of few expressions runs them on nearly every event, so two workers sharing it collide all the
/// time: every worker after the first gets its own copy, loaded again from the directory (the one-rule SYSLOGLINE pack
/// in ~5 ms). A larger pack is shared: any one of its expressions seldom runs on two threads at once, and loading it
/// again costs more than that saves (rules/ ~0.15 CPU-s; bench/results/2026-12-07-event-speed.md).
/// </summary>
internal sealed class WorkerExtractors
{
    /// <summary>The most expressions (<c>match:</c> patterns over all rules) a pack may have to be copied per worker.</summary>
    public const int MaxCopiedExpressions = 8;

    private readonly RuleSet _rules;
    private readonly RuleLoadOptions _options;
    private readonly bool _copied;
    private int _handedOut;

    /// <summary>Loads the rules of <paramref name="directory"/> (throws <see cref="RuleFileException"/> as <see cref="RuleSet.Load(string, RuleLoadOptions)"/> does).</summary>
    /// <param name="directory">The rules directory.</param>
    /// <param name="options">The options every copy is loaded with too.</param>
    public WorkerExtractors(string directory, RuleLoadOptions options)
    {
        _rules = RuleSet.Load(directory, options);
        _options = options;
        Shared = new Extractor(_rules);
        _copied = _rules.Rules.Sum(r => r.Patterns.Count) <= MaxCopiedExpressions;
    }

    /// <summary>The extractor of the first worker (and of a run with one).</summary>
    public Extractor Shared { get; }

    /// <summary>
    /// An extractor for one more worker: the shared one the first time and for a large pack, else a copy. If the
    /// directory no longer holds the same rules (edited since start-up), the shared one: every worker runs the same.
    /// </summary>
    public Extractor Next()
    {
        if (Interlocked.Increment(ref _handedOut) == 1 || !_copied)
        {
            return Shared;
        }
        try
        {
            var copy = RuleSet.Load(_rules.Directory, _options);
            return copy.Version == _rules.Version ? new Extractor(copy) : Shared;
        }
        catch (Exception e) when (e is RuleFileException or IOException or UnauthorizedAccessException)
        {
            return Shared;
        }
    }
}
