using System.Diagnostics;

namespace FunAsr.Bench.Extractors;

/// <summary>
/// <see cref="ExtractionBenchmarks"/>' contenders timed the way its figure of record is taken
/// (<c>FunAsr.Bench time-rule-pack ROUNDS</c>; run with <c>DOTNET_TieredCompilation=0</c>, pinned to one core): each
/// contender's 2,000-line pass in process CPU time, the contenders interleaved round after round so a busy machine
/// slows them alike; prints the fastest and the median pass of each and its throughput as a share of the
/// hand-written peer's (the last contender).
/// </summary>
public static class RulePackTiming
{
    public static void Run(int rounds)
    {
        var benchmarks = new ExtractionBenchmarks();
        benchmarks.Setup();
        (string Name, Func<int> Pass)[] contenders =
        [
            ("rule pack (CompileLongPatterns)", benchmarks.RulePack),
            ("rule pack, backtracking only", benchmarks.RulePackBacktracking),
            ("rule pack, one-shot default", benchmarks.RulePackOneShot),
            ("rule pack, no match timeouts", benchmarks.RulePackNoTimeouts),
            ("hand-written Regex", benchmarks.HandWritten),
        ];
        var times = contenders.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < contenders.Length; c++)
            {
                var start = Process.GetCurrentProcess().TotalProcessorTime;
                contenders[c].Pass();
                times[c].Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds);
            }
        }
        var peer = times[^1].Min();
        var peerMedian = Median(times[^1]);
        Console.WriteLine($"{rounds} rounds, ms per 2,000 lines (min, median), throughput ÷ hand-written (min, median); load {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var c = 0; c < contenders.Length; c++)
        {
            Console.WriteLine($"{contenders[c].Name,-36} {times[c].Min(),7:F2} {Median(times[c]),7:F2}   {peer / times[c].Min():F2}× {peerMedian / Median(times[c]):F2}×");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
