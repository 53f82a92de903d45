using BenchmarkDotNet.Running;

// One benchmark class per file, grouped by project folder (Recognizer/, Extractors/, Ingest/).
// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*FrontEnd*'   (bench/run-frontend.sh does this).
if (args is ["write-extraction-corpus", var path, var repeat])
{
    // bench/extract/run.sh: the extraction corpus as NDJSON for the whole-process filter benchmark.
    FunAsr.Bench.Extractors.ExtractionCorpus.WriteNdjson(path, int.Parse(repeat, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args is ["fill-store", var store, var count])
{
    // bench/web/run.sh: an embedded store of synthesised calls for the web page's calls-list timing.
    FunAsr.Bench.Ingest.SynthesisedStore.Fill(store, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FunAsr.Bench.BenchPaths).Assembly).Run(args);
