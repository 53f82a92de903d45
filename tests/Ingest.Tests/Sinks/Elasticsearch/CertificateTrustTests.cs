using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FunAsr.Ingest.Sinks.Elasticsearch;
using FunAsr.Ingest.Sinks.Elasticsearch.Connection;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>Real TLS on 127.0.0.1 with a self-signed certificate made in the test: CA-file trust and fingerprint pinning.</summary>
public sealed class CertificateTrustTests : IDisposable
{
    private readonly X509Certificate2 certificate = SelfSigned();
    private readonly string caFile = Path.Combine(Path.GetTempPath(), $"funasr-ca-{Guid.NewGuid():N}.crt");

    public CertificateTrustTests() => File.WriteAllText(caFile, certificate.ExportCertificatePem());

    public void Dispose()
    {
        File.Delete(caFile);
        certificate.Dispose();
    }

    [Fact]
    public async Task Pinned_fingerprint_with_colons_is_accepted()
    {
        await using var es = await RecordedElasticsearch.StartAsync(certificate);
        es.Then(200, "bulk-created-1.json");
        var pin = string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(c => new string(c))).ToLowerInvariant();

        var response = await GetAsync(new ElasticsearchSinkOptions { Url = es.Url, CaFingerprint = pin });

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Wrong_fingerprint_fails_as_unreachable_naming_the_url()
    {
        await using var es = await RecordedElasticsearch.StartAsync(certificate);
        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            GetAsync(new ElasticsearchSinkOptions { Url = es.Url, CaFingerprint = new string('a', 64) }));
        Assert.Contains(es.Url, error.Message);
        Assert.Empty(es.Received);
    }

    [Fact]
    public async Task Ca_file_is_trusted_and_the_system_store_alone_is_not()
    {
        await using var es = await RecordedElasticsearch.StartAsync(certificate);
        es.Then(200, "bulk-created-1.json");

        Assert.Equal(200, (await GetAsync(new ElasticsearchSinkOptions { Url = es.Url, CaFile = caFile })).Status);
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => GetAsync(new ElasticsearchSinkOptions { Url = es.Url }));
    }

    [Fact]
    public void Settings_problems_name_the_setting()
    {
        var problems = new ElasticsearchSinkOptions
        {
            Url = "https://elastic:pw@localhost:9200", Username = "elastic", CaFingerprint = "12:34", CaFile = "/nonexistent/ca.crt",
            TranscriptsIndex = "Calls", MaxBatchDocuments = 0,
        }.Validate("sinks[1]").ToList();

        Assert.Contains(problems, p => p.StartsWith("sinks[1].url: put credentials", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sinks[1].password: required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sinks[1].ca_fingerprint:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sinks[1].ca_file: '/nonexistent/ca.crt'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sinks[1].transcripts_index:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("sinks[1].max_batch_documents:", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("pw@", StringComparison.Ordinal) && !p.Contains("url", StringComparison.Ordinal));
    }

    [Fact]
    public void Environment_fills_unset_credentials_and_the_default_url()
    {
        var env = new Dictionary<string, string>
        {
            ["ELASTICSEARCH_URL"] = "https://es.example:9200", ["ELASTICSEARCH_USERNAME"] = "ingest",
            ["ELASTICSEARCH_PASSWORD"] = "from-env", ["ELASTICSEARCH_API_KEY"] = "id:key",
        };
        var options = new ElasticsearchSinkOptions { Username = "from-file", Password = "file-pw" }.WithEnvironment(env.GetValueOrDefault);

        Assert.Equal("https://es.example:9200", options.Url);
        Assert.Equal("from-file", options.Username);
        Assert.Equal("file-pw", options.Password);
        Assert.Equal("ApiKey " + Convert.ToBase64String(Encoding.UTF8.GetBytes("id:key")), RestConnection.AuthorizationFor(options)!.ToString());
    }

    private static async Task<RestResponse> GetAsync(ElasticsearchSinkOptions options)
    {
        using var connection = RestConnection.Open(options, "Elasticsearch");
        return await connection.SendAsync(HttpMethod.Get, "", null, default);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=funasr-test-es", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
