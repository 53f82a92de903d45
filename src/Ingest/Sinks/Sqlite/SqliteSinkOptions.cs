using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.Sqlite;

/// <summary><c>type: sqlite</c>: the embedded store (SQLite + FTS5 trigram) that <c>search</c> and <c>export</c> read.</summary>
internal sealed class SqliteSinkOptions : SinkOptions
{
    public SqliteSinkOptions() => Type = "sqlite";

    /// <summary>Database file; null means <c>&lt;data_dir&gt;/funasr.db</c>.</summary>
    public string? Path { get; set; }

    public string ResolvePath(string dataDir) =>
        System.IO.Path.GetFullPath(Path ?? System.IO.Path.Combine(dataDir, "funasr.db"));

    public override IEnumerable<string> Validate(string key) => [];
}
