using System.CommandLine;

var root = new RootCommand(
    "FunAsr.Pipeline: transcribe call recordings with a FunASR-family ONNX model, extract fields with grok rules, " +
    "raise alerts and store or index the results. Run a command with --help for its options.");

return await root.Parse(args).InvokeAsync();
