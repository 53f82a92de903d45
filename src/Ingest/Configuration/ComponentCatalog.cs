using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.JsonLines;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sinks.Stdout;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Sources.Upload;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// The one list of sources and sinks: the <c>type</c> written in the configuration, its options class and how to
/// build it. Adding a sink is one folder under <c>Sinks/</c> plus one line here; nothing is discovered by reflection.
/// </summary>
internal static class ComponentCatalog
{
    public static IReadOnlyList<ComponentRegistration<SourceOptions, SourceContext, ISource>> Sources { get; } =
    [
        ComponentRegistration<SourceOptions, SourceContext, ISource>.For<FolderSourceOptions>("folder", (o, cx) => new FolderSource(o, cx)),
        ComponentRegistration<SourceOptions, SourceContext, ISource>.For<UploadSourceOptions>("upload", (o, _) => new UploadSource(o)),
    ];

    public static IReadOnlyList<ComponentRegistration<SinkOptions, SinkContext, ISink>> Sinks { get; } =
    [
        ComponentRegistration<SinkOptions, SinkContext, ISink>.For<SqliteSinkOptions>("sqlite", (o, cx) => new SqliteSink(o, cx)),
        ComponentRegistration<SinkOptions, SinkContext, ISink>.For<JsonLinesSinkOptions>("json_lines", (o, cx) => new JsonLinesSink(o, cx)),
        ComponentRegistration<SinkOptions, SinkContext, ISink>.For<StdoutSinkOptions>("stdout", (_, _) => new StdoutSink()),
        ComponentRegistration<SinkOptions, SinkContext, ISink>.For<ElasticsearchSinkOptions>(ElasticsearchSinkOptions.Id, (o, cx) => new ElasticsearchSink(o, cx)),
    ];

    public static ISource CreateSource(SourceOptions options, SourceContext context) =>
        Sources.Single(r => r.OptionsType == options.GetType()).Create(options, context);

    public static ISink CreateSink(SinkOptions options, SinkContext context) =>
        Sinks.Single(r => r.OptionsType == options.GetType()).Create(options, context);
}
