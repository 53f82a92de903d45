using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Sources.Folder;
using YamlDotNet.Serialization;
using FunAsr.Ingest.Alerts;
using FunAsr.Ingest.Pipeline;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The whole host configuration: one YAML file (see <c>config/funasr-pipeline.yaml</c>), then environment
/// overrides (<see cref="EnvironmentOverrides"/>), then command-line options. Relative paths resolve against
/// the current directory.
/// </summary>
internal sealed class IngestSettings
{
    /// <summary>Where the ledger, the embedded store and the quarantine folder live.</summary>
    public string DataDir { get; set; } = "data";

    public List<SourceOptions> Sources { get; set; } = [new FolderSourceOptions()];

    public RecognizerSettings Recognizer { get; set; } = new();

    public ItnSettings Itn { get; set; } = new();

    public PunctuationSettings Punctuation { get; set; } = new();

    public HotwordSettings Hotwords { get; set; } = new();

    public LanguageModelSettings LanguageModel { get; set; } = new();

    public RulesSettings Rules { get; set; } = new();

    public PipelineSettings Pipeline { get; set; } = new();

    public List<SinkOptions> Sinks { get; set; } = [new SqliteSinkOptions()];

    public AlertSettings Alerts { get; set; } = new();

    public ApiSettings Api { get; set; } = new();

    public ClusterSettings Cluster { get; set; } = new();

    public UiSettings Ui { get; set; } = new();

    /// <summary>The file the settings came from, or null for built-in defaults; used in error messages.</summary>
    [YamlIgnore]
    public string? SourceFile { get; set; }

    [YamlIgnore]
    public string LedgerPath => Path.Combine(Path.GetFullPath(DataDir), "ledger.db");

    [YamlIgnore]
    public string QuarantineDir => Path.Combine(Path.GetFullPath(DataDir), "quarantine");

    /// <summary>The embedded store's file: the <c>sqlite</c> sink's path, else the default <c>data/funasr.db</c>.</summary>
    [YamlIgnore]
    public string StorePath => Sinks.OfType<SqliteSinkOptions>().FirstOrDefault()?.ResolvePath(DataDir)
        ?? Path.Combine(Path.GetFullPath(DataDir), "funasr.db");
}
