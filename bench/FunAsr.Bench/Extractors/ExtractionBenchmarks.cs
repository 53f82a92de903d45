using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using FunAsr.Extractors;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Bench.Extractors;

/// <summary>
/// Extraction throughput, single thread: the full rules/ pack through <see cref="Extractor"/> against hand-written
/// .NET Regex code doing the same extraction (the same rules written directly as compiled regexes, language-gated
/// the same way, normalized with the same normalizers), over <see cref="ExtractionCorpus"/>. The pack is loaded as a
/// long-running host loads it (<see cref="RuleLoadOptions.CompileLongPatterns"/>: every backtracking regex compiled,
/// like the peer's) and, for comparison, with the one-shot default (long patterns interpreted) and without match
/// timeouts (which the peer does not set: what the rule pack's runaway guard costs).
/// Lines per second = 2,000 / mean time. Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*ExtractionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class ExtractionBenchmarks
{
    private string[] _chinese = [];
    private string[] _english = [];
    private Extractor _rulePack = null!;
    private Extractor _rulePackBacktracking = null!;
    private Extractor _rulePackOneShot = null!;
    private Extractor _rulePackNoTimeouts = null!;
    private HandWrittenExtraction _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_chinese, _english) = ExtractionCorpus.Generate();
        var dir = BenchPaths.Of("rules");
        _rulePack = new Extractor(RuleSet.Load(dir, new RuleLoadOptions { CompileLongPatterns = true }));
        _rulePackBacktracking = new Extractor(RuleSet.Load(dir, new RuleLoadOptions { CompileLongPatterns = true, AllowNonBacktracking = false }));
        _rulePackOneShot = new Extractor(RuleSet.Load(dir));
        _rulePackNoTimeouts = new Extractor(RuleSet.Load(dir, new RuleLoadOptions { CompileLongPatterns = true, MatchTimeout = Timeout.InfiniteTimeSpan }));
        _handWritten = new HandWrittenExtraction();
        // Warm up first: compiled regexes JIT on first use, which the comparison below should not see as timeouts.
        RulePack();
        RulePackBacktracking();
        RulePackOneShot();
        RulePackNoTimeouts();
        HandWritten();
        foreach (var (line, language) in _chinese.Select(l => (l, "zh")).Concat(_english.Select(l => (l, "en"))))
        {
            var result = _rulePack.Extract(new ExtractionInput(line, Language: language));
            if (result.Fields.Count + result.Tags.Count != _handWritten.Extract(line, language))
            {
                throw new InvalidOperationException($"the two extractions differ on `{line}`: rule pack found " +
                    string.Join(", ", result.Fields.Select(f => $"{f.Name}={f.ValueText}").Concat(result.Tags).Concat(result.Failures.Select(f => f.Kind))) + $"; hand-written {_handWritten.Extract(line, language)} items");
            }
        }
    }

    [Benchmark(Description = "rule pack (Extractor)")]
    public int RulePack() => Run(_rulePack);

    [Benchmark(Description = "rule pack, backtracking only")]
    public int RulePackBacktracking() => Run(_rulePackBacktracking);

    [Benchmark(Description = "rule pack, one-shot default (long patterns interpreted)")]
    public int RulePackOneShot() => Run(_rulePackOneShot);

    [Benchmark(Description = "rule pack, no match timeouts")]
    public int RulePackNoTimeouts() => Run(_rulePackNoTimeouts);

    [Benchmark(Baseline = true, Description = "hand-written Regex")]
    public int HandWritten()
    {
        var count = 0;
        foreach (var line in _chinese)
        {
            count += _handWritten.Extract(line, "zh");
        }
        foreach (var line in _english)
        {
            count += _handWritten.Extract(line, "en");
        }
        return count;
    }

    private int Run(Extractor extractor)
    {
        var count = 0;
        foreach (var line in _chinese)
        {
            var result = extractor.Extract(new ExtractionInput(line, Language: "zh"));
            count += result.Fields.Count + result.Tags.Count;
        }
        foreach (var line in _english)
        {
            var result = extractor.Extract(new ExtractionInput(line, Language: "en"));
            count += result.Fields.Count + result.Tags.Count;
        }
        return count;
    }
}
