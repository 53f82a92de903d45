using System.CommandLine;
using FunAsr.Ingest.Cli;

var root = new RootCommand(
    "FunAsr.Pipeline: transcribe call recordings with a FunASR-family ONNX model, extract fields with grok rules, " +
    "raise alerts and store or index the results. Run a command with --help for its options.");

(string Name, Func<Command> Create)[] commands =
[
    ("run", RunCommand.Create), ("ingest", IngestCommand.Create), ("search", SearchCommand.Create), ("export", ExportCommand.Create),
    ("status", StatusCommand.Create), ("retry", RetryCommand.Create), ("itn", ItnCommand.Create), ("setup", SetupCommand.Create),
    ("transcribe", TranscribeCommand.Create), ("vad", VadCommand.Create), ("doctor", DoctorCommand.Create),
    ("rules", RulesCommand.Create), ("extract", ExtractCommand.Create),
];
// Building every command's options is start-up time a short run pays (30–60 ms of JIT in a build, bench/results/
// 2026-12-07-filter-speed.md): when the first argument names a command only that one is built; for anything else
// (help, --version, a misspelt name) all are.
foreach (var (name, create) in commands)
{
    if (args.Length == 0 || !commands.Any(c => c.Name == args[0]) || name == args[0])
    {
        root.Subcommands.Add(create());
    }
}

return await root.Parse(args).InvokeAsync();
