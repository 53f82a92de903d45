using System.CommandLine;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;

namespace FunAsr.Ingest.Cli;

/// <summary><c>setup elasticsearch</c>: installs lifecycle policies, templates, indices and the ingest role; optionally prints an ingest API key.</summary>
internal static class SetupElasticsearchCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var url = SetupCommand.Url("Elasticsearch", "http://localhost:9200");
        var caFile = SetupCommand.CaFile();
        var caFingerprint = SetupCommand.CaFingerprint();
        var wait = SetupCommand.Wait();
        var apiKey = new Option<bool>("--ingest-api-key")
        {
            Description = "Also create an API key limited to the funasr-ingest role and print it once (ELASTICSEARCH_API_KEY=…) " +
                          "for the ingest host's environment or its sink's api_key. Each run makes a new key. Example: --ingest-api-key",
        };
        var command = new Command("elasticsearch",
            "Install the ILM policies (delete after the sink's retention_days, default 365), the transcripts index template " +
            "(monthly indices under the transcripts alias) and the alerts data-stream template (deploy/elasticsearch/*.json: " +
            "CJK bigram analyzer, nested segments and fields, typed and flattened fields for Kibana), create this month's " +
            "transcript index and the alerts data stream, and put the funasr-ingest role (write and read on those indices only).\n" +
            "Run it as a user with the manage_ilm, manage_index_templates, manage_security (and manage_api_key) privileges, e.g. elastic; " +
            "the ingest host then uses the API key, not that user.\n" +
            "Example: ELASTICSEARCH_PASSWORD=changeme funasr-pipeline setup elasticsearch --url https://localhost:9200 --ca-file ca.crt --wait 120 --ingest-api-key")
        {
            config, url, caFile, caFingerprint, wait, apiKey,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var options = SetupCommand.SinkOptions(parse, config, url, caFile, caFingerprint);
            using var connection = OfficialClientConnection.Open(options);
            var installer = new IndexTemplateInstaller(connection, options);
            var exit = await SetupCommand.RunAsync("Elasticsearch", parse.GetValue(wait), installer.InstallAsync, ct);
            if (exit != 0 || !parse.GetValue(apiKey)) return exit;
            return await SetupCommand.RunAsync("The ingest API key", 0, async c =>
                [
                    $"Created API key '{IngestRole.NameFor(options)}'; it is shown only now. Give it to the ingest host (environment or its sink's api_key):",
                    $"ELASTICSEARCH_API_KEY={await IngestApiKey.CreateAsync(connection, options, c)}",
                ], ct);
        }));
        return command;
    }
}
