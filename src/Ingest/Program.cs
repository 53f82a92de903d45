using System.CommandLine;

var root = new RootCommand(
    "FunAsr.Pipeline: transcribe call recordings with a FunASR-family ONNX model, extract fields with grok rules, " +
    "raise alerts and store or index the results. Run a command with --help for its options.");

root.Subcommands.Add(FunAsr.Ingest.Cli.RunCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.IngestCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.SearchCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.ExportCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.StatusCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.RetryCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.ItnCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.SetupCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.TranscribeCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.VadCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.DoctorCommand.Create());

root.Subcommands.Add(FunAsr.Ingest.Cli.RulesCommand.Create());
root.Subcommands.Add(FunAsr.Ingest.Cli.ExtractCommand.Create());

return await root.Parse(args).InvokeAsync();
