using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Host;

public sealed class HostApiTests : IAsyncLifetime
{
    private const string Key = "test-key-5f2c";
    private readonly string _root = SpeechFixtures.TempDirectory();
    private HostProcess? _host;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var port = HostProcess.FreePort();
        var config = HostConfig.Write(_root, $"""
            sources:
              - type: upload
                directory: {_root}/uploads
                max_bytes: 2000000
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        _host = HostProcess.Start(_root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = Key }, "run", "--config", config);
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await _host.WaitUntilAnswersAsync(_http, "/readyz", TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _host?.Dispose();
        return Task.CompletedTask;
    }

    private static MultipartFormDataContent Upload(string path, string fileName)
    {
        var file = new ByteArrayContent(File.ReadAllBytes(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private HttpRequestMessage Post(string path, string fileName, string? key) =>
        new(HttpMethod.Post, "/v1/recordings") { Content = Upload(path, fileName), Headers = { { "X-Api-Key", key ?? "" } } };

    /// <summary>GET /v1/recordings/{id} until the recording is stored or failed (at most a minute).</summary>
    private async Task<JsonElement> FinalStateAsync(string id)
    {
        JsonElement body = default;
        for (var i = 0; i < 300; i++)
        {
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/recordings/{id}") { Headers = { { "X-Api-Key", Key } } };
            body = JsonDocument.Parse(await (await _http.SendAsync(get)).Content.ReadAsStringAsync()).RootElement;
            if (body.GetProperty("state").GetString() is "stored" or "failed") break;
            await Task.Delay(200);
        }

        return body;
    }

    [Fact]
    public async Task An_upload_without_an_api_key_is_refused()
    {
        var wav = SpeechFixtures.Write(Path.Combine(_root, "src-nokey"), 1)[0];
        var response = await _http.SendAsync(Post(wav, "call.wav", key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(Directory.Exists(Path.Combine(_root, "uploads")) && Directory.EnumerateFiles(Path.Combine(_root, "uploads")).Any());
    }

    [Fact]
    public async Task An_upload_with_a_path_traversal_name_is_refused_and_nothing_is_written()
    {
        var wav = SpeechFixtures.Write(Path.Combine(_root, "src-traversal"), 1)[0];
        var response = await _http.SendAsync(Post(wav, "../../escaped.wav", Key));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("path parts", await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.EnumerateFiles(_root, "escaped.wav", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(_root, "uploads", "../../escaped.wav"))));
    }

    [Fact]
    public async Task An_upload_with_hotwords_keeps_them_in_its_sidecar_and_metadata()
    {
        var wav = SpeechFixtures.Write(Path.Combine(_root, "src-hotwords"), 1)[0];
        using var post = Post(wav, "call.wav", Key);
        ((MultipartFormDataContent)post.Content!).Add(new StringContent("# products\n订单号 :1\r\n\n会员权益\n"), "hotwords");
        var response = await _http.SendAsync(post);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var sidecar = Assert.Single(Directory.EnumerateFiles(Path.Combine(_root, "uploads"), "*.json"));
        var stored = JsonDocument.Parse(File.ReadAllText(sidecar)).RootElement.GetProperty("hotwords");
        Assert.Equal(["订单号 :1", "会员权益"], stored.EnumerateArray().Select(e => e.GetString()));
        var body = await FinalStateAsync(id);
        Assert.Equal("stored", body.GetProperty("state").GetString());
        // The recording's list reached the recognizer: the tiny model spells 订单号 but has no token for 会员权益.
        Assert.Contains("Decoding with 1 hotwords", _host!.Output);
        Assert.Contains("hotwords:2: '会员权益' skipped", _host.Output);
    }

    [Fact]
    public async Task An_upload_with_a_malformed_hotword_line_is_refused_naming_the_line()
    {
        var wav = SpeechFixtures.Write(Path.Combine(_root, "src-badhotwords"), 1)[0];
        using var post = Post(wav, "call.wav", Key);
        ((MultipartFormDataContent)post.Content!).Add(new StringContent("退款流程\n会员权益 :abc\n"), "hotwords");
        var response = await _http.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hotwords field:2: ':abc' is not a score", await response.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(Path.Combine(_root, "uploads")) && Directory.EnumerateFiles(Path.Combine(_root, "uploads")).Any());
    }

    [Fact]
    public async Task An_upload_is_queued_recognized_and_readable_by_id()
    {
        var wav = SpeechFixtures.Write(Path.Combine(_root, "src-ok"), 1)[0];
        var response = await _http.SendAsync(Post(wav, "customer call.wav", Key));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        var body = await FinalStateAsync(id);
        Assert.Equal("stored", body.GetProperty("state").GetString());
        Assert.True(body.GetProperty("document").GetProperty("duration_seconds").GetDouble() > 0);
        Assert.StartsWith(Path.Combine(_root, "uploads"), body.GetProperty("path").GetString());

        var text = await _http.GetStringAsync("/metrics");   // no key: scrapers get metrics, nothing else
        Assert.Matches("funasr_recordings\\{[^}]*state=\"stored\"[^}]*\\} 1", text);
        Assert.Matches("funasr_stage_duration_seconds_count\\{[^}]*stage=\"transcribe\"[^}]*\\} 1", text);
    }
}
