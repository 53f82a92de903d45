using BenchmarkDotNet.Running;

// One benchmark class per file, grouped by project folder (Recognizer/, Extractors/, Ingest/).
// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*FrontEnd*'   (bench/run-frontend.sh does this).
BenchmarkSwitcher.FromAssembly(typeof(FunAsr.Bench.BenchPaths).Assembly).Run(args);
