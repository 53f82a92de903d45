using System.CommandLine;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;
using FunAsr.Ingest.Sinks.Elasticsearch.Setup;

namespace FunAsr.Ingest.Cli;

/// <summary><c>setup kibana</c>: imports the saved objects and creates the alert connector and rule.</summary>
internal static class SetupKibanaCommand
{
    public static Command Create()
    {
        var config = CliOptions.Config();
        var url = SetupCommand.Url("Kibana", KibanaEndpointOptions.DefaultUrl);
        var caFile = SetupCommand.CaFile();
        var caFingerprint = SetupCommand.CaFingerprint();
        var wait = SetupCommand.Wait();
        var notifyIndex = new Option<string?>("--notify-index")
        {
            Description = "Send rule notifications into this index through an Index connector instead of Kibana's server log " +
                          "(both work with the Basic licence). Example: --notify-index funasr-notifications",
        };
        var command = new Command("kibana",
            "Import deploy/kibana/saved-objects.ndjson (data views for transcripts and alerts, saved searches, the dashboard: " +
            "calls over time, top phone numbers and intents, alerts) and create an Elasticsearch-query rule that fires on new " +
            "documents in the alerts index. Kibana credentials: KIBANA_USERNAME/KIBANA_PASSWORD or KIBANA_API_KEY, else the " +
            "Elasticsearch ones (a user such as elastic, not kibana_system).\n" +
            "Example: ELASTICSEARCH_PASSWORD=changeme funasr-pipeline setup kibana --url http://localhost:5601 --wait 300")
        {
            config, url, caFile, caFingerprint, wait, notifyIndex,
        };
        command.SetAction((parse, ct) => CliErrors.RunAsync(async () =>
        {
            var indices = ConfigLoader.Load(parse.GetValue(config)).Sinks.OfType<Sinks.Elasticsearch.ElasticsearchSinkOptions>().FirstOrDefault()
                ?? new Sinks.Elasticsearch.ElasticsearchSinkOptions();
            indices.WithEnvironment();
            var kibana = new KibanaEndpointOptions { Url = parse.GetValue(url) ?? KibanaEndpointOptions.DefaultUrl, CaFile = parse.GetValue(caFile), CaFingerprint = parse.GetValue(caFingerprint) };
            ServiceEndpoint.ApplyEnvironment(kibana, "KIBANA", KibanaEndpointOptions.DefaultUrl);
            if (kibana.ApiKey is null && kibana.Username is null)
            {
                kibana.Username = indices.Username;
                kibana.Password = indices.Password;
                kibana.ApiKey = indices.ApiKey;
            }
            var problems = ServiceEndpoint.Validate(kibana, "kibana").ToList();
            if (problems.Count > 0) throw new ConfigException("arguments and KIBANA_* environment", problems);
            using var connection = RestConnection.Open(kibana, "Kibana");
            var installer = new KibanaObjectsInstaller(connection, indices);
            return await SetupCommand.RunAsync("Kibana", parse.GetValue(wait), c => installer.InstallAsync(parse.GetValue(notifyIndex), c), ct);
        }));
        return command;
    }
}
