using System.CommandLine;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Cli;

/// <summary><c>setup elasticsearch</c> and <c>setup kibana</c>: install index templates, Kibana objects and the alert rule.</summary>
internal static class SetupCommand
{
    public static Command Create()
    {
        var setup = new Command("setup",
            "Prepare Elasticsearch and Kibana for the elasticsearch sink (idempotent; run again after an upgrade).\n" +
            "Credentials come from the config file's elasticsearch sink or the ELASTICSEARCH_* / KIBANA_* environment " +
            "variables (_URL, _USERNAME, _PASSWORD, _API_KEY, _CA_FILE, _CA_FINGERPRINT), never from arguments.\n" +
            "Example: ELASTICSEARCH_PASSWORD=… funasr-pipeline setup elasticsearch --url https://localhost:9200 --ca-file certs/http_ca.crt");
        setup.Subcommands.Add(SetupElasticsearchCommand.Create());
        setup.Subcommands.Add(SetupKibanaCommand.Create());
        return setup;
    }

    public static Option<string?> Url(string service, string example) => new("--url")
    {
        Description = $"{service} base URL (default: ${service.ToUpperInvariant()}_URL, else the config, else {example}). Example: --url {example}",
    };

    public static Option<string?> CaFile() => new("--ca-file")
    {
        Description = "PEM file of the CA that signed Elasticsearch's HTTP certificate. Example: --ca-file certs/ca/ca.crt",
    };

    public static Option<string?> CaFingerprint() => new("--ca-fingerprint")
    {
        Description = "Pin the server's CA by its SHA-256 fingerprint instead of a CA file. Example: --ca-fingerprint a52dd9…:3f",
    };

    public static Option<int> Wait() => new("--wait")
    {
        Description = "Keep trying for this many seconds while the service is unreachable or starting (for compose start-up). Example: --wait 300",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>The elasticsearch sink options from the config (or defaults), then the environment, then the arguments.</summary>
    public static ElasticsearchSinkOptions SinkOptions(ParseResult parse, Option<string?> config, Option<string?> url, Option<string?> caFile, Option<string?> caFingerprint)
    {
        var settings = ConfigLoader.Load(parse.GetValue(config));
        var options = settings.Sinks.OfType<ElasticsearchSinkOptions>().FirstOrDefault() ?? new ElasticsearchSinkOptions();
        if (parse.GetValue(url) is { } u) options.Url = u;
        if (parse.GetValue(caFile) is { } f) options.CaFile = f;
        if (parse.GetValue(caFingerprint) is { } p) options.CaFingerprint = p;
        options.WithEnvironment();
        var problems = options.Validate(ElasticsearchSinkOptions.Id).ToList();
        if (problems.Count > 0) throw new ConfigException(settings.SourceFile ?? "arguments and environment", problems);
        return options;
    }

    /// <summary>
    /// Runs <paramref name="step"/>, retrying every 5 s while the service is unreachable or answers 502/503
    /// (Kibana says "not ready yet") for up to <paramref name="waitSeconds"/>; prints its lines; exit code 1 on failure.
    /// </summary>
    public static async Task<int> RunAsync(string service, int waitSeconds, Func<CancellationToken, Task<IReadOnlyList<string>>> step, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(waitSeconds);
        while (true)
        {
            try
            {
                foreach (var line in await step(ct)) Console.WriteLine(line);
                Console.WriteLine($"{service} is set up.");
                return 0;
            }
            catch (Exception e) when (e is ServiceUnavailableException or ServiceRequestException { Status: 502 or 503 } && DateTimeOffset.UtcNow < deadline)
            {
                Console.Error.WriteLine($"waiting for {service}: {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(5), ct);
            }
            catch (Exception e) when (e is ServiceUnavailableException or ServiceRequestException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        }
    }
}
