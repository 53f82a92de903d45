using System.Buffers;
using System.Diagnostics;
using FunAsr.Extractors;
using FunAsr.Ingest.Events;

namespace FunAsr.Bench.Ingest;

/// <summary>
/// The per-event path of <c>extract</c> in process, by part (<c>FunAsr.Bench time-event-path RULES FILE</c>, see
/// bench/extract/): over every line of an NDJSON file, the time of the event scan alone, of
/// <see cref="Extractor.Extract"/> alone, and of the whole <see cref="EventExtraction.WriteEvent"/> (scan, extract,
/// the target object, the splice), each the fastest of several passes in process CPU time (run it with
/// <c>DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0</c>, as the host runs), in µs per event; and bytes allocated per event.
/// The target writing and splice are the whole minus the other two.
/// </summary>
public static class EventPathTiming
{
    private const int Passes = 8;

    public static void Run(string rulesDirectory, string ndjsonPath)
    {
        var lines = File.ReadAllLines(ndjsonPath).Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var extractor = new Extractor(RuleSet.Load(rulesDirectory));
        var options = new EventExtractionOptions(EventExtractionOptions.DefaultSourceFields, EventExtractionOptions.DefaultTarget,
            EventExtractionOptions.DefaultMaxLineBytes, null, null, ExtractionScope.Segment);
        var scanner = new EventScanner(options.SourceFields, options.Target);
        var texts = lines.Select(l => scanner.Scan(l).SourceText ?? "").ToArray();
        var extraction = new EventExtraction(extractor, options);
        var output = new ArrayBufferWriter<byte>(1 << 20);

        var scan = Fastest(() =>
        {
            foreach (var line in lines)
            {
                scanner.Scan(line);
            }
        });
        var extract = Fastest(() =>
        {
            foreach (var text in texts)
            {
                extractor.Extract(new ExtractionInput(text));
            }
        });
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var whole = Fastest(() =>
        {
            for (var i = 0; i < lines.Length; i++)
            {
                output.ResetWrittenCount();
                extraction.WriteEvent(lines[i], i + 1, output);
            }
        });
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)(Passes * lines.Length);
        var perEvent = (TimeSpan t) => t.TotalMicroseconds / lines.Length;
        Console.WriteLine($"{lines.Length} events, fastest of {Passes} passes, µs per event: scan {perEvent(scan):F2}, " +
            $"Extract {perEvent(extract):F2}, WriteEvent {perEvent(whole):F2} (target + splice {perEvent(whole - scan - extract):F2}); " +
            $"WriteEvent allocates {allocated:F0} B per event");
    }

    private static TimeSpan Fastest(Action pass)
    {
        var fastest = TimeSpan.MaxValue;
        for (var i = 0; i < Passes; i++)
        {
            var start = Process.GetCurrentProcess().TotalProcessorTime;
            pass();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - start;
            fastest = cpu < fastest ? cpu : fastest;
        }
        return fastest;
    }
}
