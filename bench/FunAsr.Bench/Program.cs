using BenchmarkDotNet.Running;

// One benchmark class per file, grouped by project folder (Recognizer/, Extractors/, Ingest/).
// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*FrontEnd*'   (bench/run-frontend.sh does this).
if (args is ["write-extraction-corpus", var path, var repeat])
{
    // bench/extract/run.sh: the extraction corpus as NDJSON for the whole-process filter benchmark.
    FunAsr.Bench.Extractors.ExtractionCorpus.WriteNdjson(path, int.Parse(repeat, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["write-syslog-corpus", var syslogPath, var lines])
{
    // bench/extract/run-syslog.sh: syslog lines as NDJSON events for the SYSLOGLINE filter benchmark.
    FunAsr.Bench.Extractors.SyslogCorpus.WriteNdjson(syslogPath, int.Parse(lines, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["time-event-path", var rules, var events])
{
    // bench/extract/: the per-event path of `extract` in process, by part.
    FunAsr.Bench.Ingest.EventPathTiming.Run(rules, events);
    return;
}

if (args is ["time-rule-pack", var rounds])
{
    // ExtractionBenchmarks' contenders, interleaved, in process CPU time: the rule pack's share of hand-written.
    FunAsr.Bench.Extractors.RulePackTiming.Run(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["fill-store", var store, var count])
{
    // bench/web/run.sh: an embedded store of synthesised calls for the web page's calls-list timing.
    FunAsr.Bench.Ingest.SynthesisedStore.Fill(store, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FunAsr.Bench.BenchPaths).Assembly).Run(args);
