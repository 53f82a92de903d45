using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunAsr.Extractors.Export;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;
using FunAsr.Tests.Support;

namespace FunAsr.Extractors.Tests.Export;

/// <summary>Runs only against a real cluster: set ELASTICSEARCH_URL (and ELASTICSEARCH_USERNAME/PASSWORD or API_KEY, CA_FILE).</summary>
public sealed class LiveSimulateFactAttribute : FactAttribute
{
    public LiveSimulateFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ELASTICSEARCH_URL")))
            Skip = "live _simulate test skipped: ELASTICSEARCH_URL is not set (see README, 'Run with Elasticsearch and Kibana')";
    }
}

/// <summary>
/// <c>rules export --format elasticsearch</c> against what the transcripts mapping accepts: every capture lands under
/// <c>extracted.*</c> (the flattened field of the strict mapping), and, on a real cluster, every rule example run
/// through the exported pipeline's <c>_simulate</c> gives what <c>rules test</c> captures before the normalizers
/// (Elasticsearch keeps the first match per rule); without a cluster the same request is answered by
/// tools/elasticsearch/simulate-pipeline.rb on Onigmo, the engine Elasticsearch's Joni was ported from.
/// </summary>
public sealed partial class ElasticsearchPipelineSimulateTests
{
    private static readonly RuleSet Rules = RuleSet.Load(RepoPaths.Of("rules"));

    [Fact]
    public void Every_capture_and_conversion_of_the_exported_pipeline_writes_under_extracted()
    {
        var processors = ElasticsearchPipelineExporter.Export(Rules, "transcript")["processors"]!.AsArray().Select(p => p!.AsObject().Single()).ToList();

        var targets = processors.Where(p => p.Key == "grok")
            .SelectMany(p => p.Value!["pattern_definitions"]!.AsObject().Where(d => d.Key.StartsWith("FUNASR_RULE_", StringComparison.Ordinal)))
            .SelectMany(d => Capture().Matches(d.Value!.GetValue<string>()).Select(m => m.Groups[1].Value))
            .ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.StartsWith("extracted.", t));
        Assert.All(processors.Where(p => p.Key == "convert"), p => Assert.StartsWith("extracted.", p.Value!["field"]!.GetValue<string>()));
        Assert.All(processors.Where(p => p.Key == "grok"), p => Assert.Equal("transcript", p.Value!["field"]!.GetValue<string>()));
    }

    [OnigmoFact]
    public void Every_rule_example_through_simulate_emulated_on_onigmo_captures_what_the_leftmost_dotnet_match_captures()
    {
        var (outcomes, request) = SimulateRequest();
        var start = new ProcessStartInfo("ruby") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.Of("tools", "elasticsearch", "simulate-pipeline.rb"));
        using var ruby = Process.Start(start)!;
        ruby.StandardInput.Write(request.ToJsonString());
        ruby.StandardInput.Close();
        var stderr = ruby.StandardError.ReadToEndAsync();
        var answer = ruby.StandardOutput.ReadToEnd();
        ruby.WaitForExit();
        Assert.True(ruby.ExitCode == 0, stderr.Result);

        AssertSameFirstCaptures(outcomes, answer);
    }

    [LiveSimulateFact]
    public async Task Every_rule_example_through_simulate_captures_what_the_leftmost_dotnet_match_captures()
    {
        var (outcomes, request) = SimulateRequest();
        using var http = LiveClient();

        var response = await http.PostAsync("_ingest/pipeline/_simulate", JsonContent.Create(request));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);

        AssertSameFirstCaptures(outcomes, body);
    }

    /// <summary>The rule examples that capture something, as documents of one <c>_simulate</c> call over the exported pipeline.</summary>
    private static (List<RuleExampleOutcome> Outcomes, JsonObject Request) SimulateRequest()
    {
        var outcomes = RuleExampleRunner.Run(Rules).Where(o => o.Result.Fields.Count > 0).ToList();
        var request = new JsonObject
        {
            ["pipeline"] = ElasticsearchPipelineExporter.Export(Rules, "transcript"),
            ["docs"] = new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject { ["_source"] = new JsonObject { ["transcript"] = o.Example.Text } })]),
        };
        return (outcomes, request);
    }

    /// <summary>
    /// The exported grok runs a rule's expressions as one alternation and keeps its leftmost match, so each rule's
    /// captures in that match (earliest expression on a tie), before normalizers, equal <c>extracted.*</c> in the answer.
    /// </summary>
    private static void AssertSameFirstCaptures(List<RuleExampleOutcome> outcomes, string answer)
    {
        var docs = JsonNode.Parse(answer)!["docs"]!.AsArray();
        Assert.Equal(outcomes.Count, docs.Count);
        var differences = new List<string>();
        foreach (var (outcome, doc) in outcomes.Zip(docs))
        {
            if (doc!["error"] is { } error)
            {
                differences.Add($"{outcome.Rule.Id} `{outcome.Example.Text}`: _simulate failed: {error.ToJsonString()}");
                continue;
            }
            var extracted = doc["doc"]?["_source"]?[ElasticsearchPipelineExporter.FieldNamespace];
            var leftmost = outcome.Rule.Expressions.Select(e => e.Match(outcome.Example.Text)).OfType<GrokMatch>()
                .MinBy(m => m.Index);
            foreach (var capture in leftmost?.Values.Where(v => v.Text is not null).DistinctBy(v => v.Capture.DottedName) ?? [])
            {
                var simulated = capture.Capture.Path.Aggregate(extracted, (node, part) => node?[part]);
                if (simulated?.ToString() != capture.Converted?.ToString())
                    differences.Add($"{outcome.Rule.Id} `{outcome.Example.Text}`: {capture.Capture.DottedName} = `{capture.Converted}` in .NET, `{simulated}` in _simulate");
            }
        }
        Assert.True(differences.Count == 0, string.Join(Environment.NewLine, differences));
    }

    private static HttpClient LiveClient()
    {
        string? Env(string name) => Environment.GetEnvironmentVariable("ELASTICSEARCH_" + name) is { Length: > 0 } v ? v : null;
        var handler = new SocketsHttpHandler();
        if (Env("CA_FILE") is { } caFile)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
            };
        }
        var http = new HttpClient(handler) { BaseAddress = new Uri(Env("URL")!.TrimEnd('/') + "/") };
        http.DefaultRequestHeaders.Authorization = Env("API_KEY") is { } key
            ? new AuthenticationHeaderValue("ApiKey", key)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Env("USERNAME")}:{Env("PASSWORD")}")));
        return http;
    }

    [GeneratedRegex(@"%\{\w+:([\w.\[\]-]+)")]
    private static partial Regex Capture();
}
