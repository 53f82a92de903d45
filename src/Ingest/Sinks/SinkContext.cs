namespace FunAsr.Ingest.Sinks;

/// <summary>What a sink gets when it is built besides its own options: the data folder, loggers and the clock.</summary>
internal sealed record SinkContext(string DataDir, ILoggerFactory Loggers, TimeProvider Clock);
