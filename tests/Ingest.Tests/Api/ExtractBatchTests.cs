using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Api;

/// <summary><c>POST /v1/extract/batch</c> on the real host: JSON array and NDJSON bodies, answered in order, bad events tagged.</summary>
public sealed class ExtractBatchTests : IAsyncLifetime
{
    private const string Key = "batch-key-7d1e";
    private readonly string _root = SpeechFixtures.TempDirectory();
    private HostProcess? _host;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = HostProcess.FreePort();
        var config = Path.Combine(_root, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"""
            data_dir: {_root}/data
            sources:
              - type: upload
                directory: {_root}/uploads
            recognizer:
              model_dir: {SpeechFixtures.ModelDirectory}
              device: cpu
            rules:
              directory: {RepoPaths.Of("rules")}
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        _host = HostProcess.Start(_root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = Key }, "run", "--config", config);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        _http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                if ((await _http.GetAsync("/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_host.HasExited)
            {
            }
            if (DateTime.UtcNow > deadline || _host.HasExited)
                throw new Xunit.Sdk.XunitException("the host did not become ready:\n" + _host.Output);
            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _host?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_json_array_is_answered_with_the_events_in_order_and_bad_ones_tagged()
    {
        const string body = """[{"tags":["t"],"message":"我的手机号是13812345678"}, "营业时间是周一到周五上午9:00到下午6:00", {"message":42}, [1]]""";
        var response = await _http.PostAsync("/v1/extract/batch?lang=zh", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var results = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var events = results.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, events.Count);
        Assert.Equal("t", events[0].GetProperty("tags")[0].GetString());
        Assert.Equal("+8613812345678", events[0].GetProperty("funasr").GetProperty("fields").GetProperty("phone").GetProperty("e164").GetString());
        Assert.Equal("Mon-Fri", events[1].GetProperty("funasr").GetProperty("fields").GetProperty("days").GetString());
        Assert.Equal("source_not_a_string", events[2].GetProperty("funasr").GetProperty("_funasr_extract_failure").GetProperty("reason").GetString());
        Assert.Equal("not_an_object", events[3].GetProperty("funasr").GetProperty("_funasr_extract_failure").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Ndjson_is_answered_with_ndjson_under_the_requested_target()
    {
        var content = new StringContent("{\"log\":\"你们服务太差了我要投诉\"}\n{\"log\":\"好的\"}\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var response = await _http.PostAsync("/v1/extract/batch?target=nlp&source_field=log", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("{\"log\":\"你们服务太差了我要投诉\",\"nlp\":{", lines[0]);
        Assert.Contains("\"complaint\"", lines[0]);
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_is_a_bad_request_and_no_key_is_unauthorized()
    {
        var bad = await _http.PostAsync("/v1/extract/batch", new StringContent("{\"message\":\"x\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };
        var refused = await anonymous.PostAsync("/v1/extract/batch", new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
