using System.CommandLine;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;

namespace FunAsr.Ingest.Cli;

/// <summary><c>setup elasticsearch</c>: installs the component and index templates and creates the two indices.</summary>
internal static class SetupElasticsearchCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var url = SetupCommand.Url("Elasticsearch", "http://localhost:9200");
        var caFile = SetupCommand.CaFile();
        var caFingerprint = SetupCommand.CaFingerprint();
        var wait = SetupCommand.Wait();
        var command = new Command("elasticsearch",
            "Install the transcripts and alerts index templates (deploy/elasticsearch/*.json: CJK bigram analyzer, nested " +
            "segments and fields, flat typed fields for Kibana) and create the indices named in the elasticsearch sink.\n" +
            "Needs the manage_index_templates and create_index privileges.\n" +
            "Example: ELASTICSEARCH_PASSWORD=changeme funasr-pipeline setup elasticsearch --url https://localhost:9200 --ca-file http_ca.crt --wait 120")
        {
            config, url, caFile, caFingerprint, wait,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = SetupCommand.SinkOptions(parse, config, url, caFile, caFingerprint);
            using var connection = RestConnection.Open(options, "Elasticsearch");
            var installer = new IndexTemplateInstaller(connection, options);
            return await SetupCommand.RunAsync("Elasticsearch", parse.GetValue(wait), installer.InstallAsync, ct);
        }));
        return command;
    }
}
