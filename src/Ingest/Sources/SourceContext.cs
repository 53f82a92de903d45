namespace FunAsr.Ingest.Sources;

/// <summary>What a source gets when it is built besides its own options: the data folder, loggers and the clock.</summary>
internal sealed record SourceContext(string DataDir, ILoggerFactory Loggers, TimeProvider Clock);
