using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.JsonLines;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sinks.Stdout;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Sources.Upload;

namespace FunAsr.Ingest;

/// <summary>
/// The one list of sources and sinks: the <c>type</c> written in the configuration, its options class and how to
/// build it. Adding a sink is one folder under <c>Sinks/</c> plus one line here; nothing is discovered by reflection.
/// </summary>
internal static class ComponentCatalog
{
    public static IReadOnlyList<ComponentRegistration<SourceOptions, ISource>> Sources { get; } =
    [
        ComponentRegistration<SourceOptions, ISource>.For<FolderSourceOptions>("folder", (o, cx) => new FolderSource(o, cx)),
        ComponentRegistration<SourceOptions, ISource>.For<UploadSourceOptions>("upload", (o, _) => new UploadSource(o)),
    ];

    public static IReadOnlyList<ComponentRegistration<SinkOptions, ISink>> Sinks { get; } =
    [
        ComponentRegistration<SinkOptions, ISink>.For<SqliteSinkOptions>("sqlite", (o, cx) => new SqliteSink(o, cx)),
        ComponentRegistration<SinkOptions, ISink>.For<JsonLinesSinkOptions>("json_lines", (o, cx) => new JsonLinesSink(o, cx)),
        ComponentRegistration<SinkOptions, ISink>.For<StdoutSinkOptions>("stdout", (_, _) => new StdoutSink()),
        ComponentRegistration<SinkOptions, ISink>.For<FunAsr.Ingest.Sinks.Elasticsearch.ElasticsearchSinkOptions>(FunAsr.Ingest.Sinks.Elasticsearch.ElasticsearchSinkOptions.Id, (o, cx) => new FunAsr.Ingest.Sinks.Elasticsearch.ElasticsearchSink(o, cx)),
    ];

    public static ISource CreateSource(SourceOptions options, ComponentContext context) =>
        Sources.Single(r => r.OptionsType == options.GetType()).Create(options, context);

    public static ISink CreateSink(SinkOptions options, ComponentContext context) =>
        Sinks.Single(r => r.OptionsType == options.GetType()).Create(options, context);
}
