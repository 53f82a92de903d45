using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.Stdout;

/// <summary><c>type: stdout</c>: writes each document as one JSON line to standard output (for piping and debugging).</summary>
internal sealed class StdoutSinkOptions : SinkOptions
{
    public StdoutSinkOptions() => Type = "stdout";

    public override IEnumerable<string> Validate(string key) => [];
}
