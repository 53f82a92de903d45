using FunAsr.Ingest.Configuration;

namespace FunAsr.Ingest;

/// <summary>What a source or sink gets when it is built: the validated settings and a logger factory.</summary>
internal sealed record ComponentContext(IngestSettings Settings, ILoggerFactory Loggers);
