using System.CommandLine;
using FunAsr.Ingest.Cli;

var root = new RootCommand(
    "FunAsr.Pipeline: transcribe call recordings with a FunASR-family ONNX model, extract fields with grok rules, " +
    "raise alerts and store or index the results. Run a command with --help for its options.");

root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(SearchCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(RetryCommand.Create());
root.Subcommands.Add(ItnCommand.Create());
root.Subcommands.Add(SetupCommand.Create());
root.Subcommands.Add(TranscribeCommand.Create());
root.Subcommands.Add(VadCommand.Create());
root.Subcommands.Add(DoctorCommand.Create());
root.Subcommands.Add(RulesCommand.Create());
root.Subcommands.Add(ExtractCommand.Create());

return await root.Parse(args).InvokeAsync();
