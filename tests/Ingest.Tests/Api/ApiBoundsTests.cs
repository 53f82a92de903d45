using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Api;

/// <summary>
/// Issue #30: no work before authentication, a body limit per endpoint, bounded extract text and metadata, and a
/// clear 400 for malformed multipart bodies and out-of-range <c>since</c> ages — against the real host.
/// </summary>
public sealed class ApiBoundsTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>, IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) })
    {
        BaseAddress = host.BaseAddress,
    };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Extract_without_a_key_is_refused_before_any_of_its_body_is_read()
    {
        var body = new CountingContent(150L * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = body };
        // The client sends the body only once the server asks for it (100 Continue), i.e. once the server reads it.
        request.Headers.ExpectContinue = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, body.BytesSent);
    }

    [Fact]
    public async Task Malformed_json_without_a_key_is_401_and_with_a_key_400_naming_the_position()
    {
        using var anonymous = await _http.SendAsync(Extract("{\"text\": \"unterminated", key: null));
        using var keyed = await _http.SendAsync(Extract("{\"text\": \"unterminated", ApiHostFixture.Key));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, keyed.StatusCode);
        Assert.Contains("line 1, byte", await keyed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_past_api_extract_max_chars_is_413_naming_the_key()
    {
        var text = string.Concat(Enumerable.Repeat("我的电话是13812345678。", ApiHostFixture.ExtractMaxChars / 10));
        using var response = await _http.SendAsync(Extract(JsonSerializer.Serialize(new { text }), ApiHostFixture.Key));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"the text has {text.Length} characters; the limit (api.extract_max_chars) is {ApiHostFixture.ExtractMaxChars}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_past_the_extract_limit_is_413_without_being_read()
    {
        var body = new CountingContent(150L * 1024 * 1024);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = body, Headers = { { "X-Api-Key", ApiHostFixture.Key } } };
        request.Headers.ExpectContinue = true;

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, body.BytesSent);
        Assert.Contains("api.extract_max_chars", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Text_within_the_limit_is_extracted()
    {
        using var response = await _http.SendAsync(Extract("{\"text\": \"我的电话是13812345678\"}", ApiHostFixture.Key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("+8613812345678", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("99999999d")]
    [InlineData("-1d")]
    [InlineData("NaNh")]
    public async Task A_since_age_out_of_range_is_400_with_the_bounds(string since)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/search?q=x&since={Uri.EscapeDataString(since)}") { Headers = { { "X-Api-Key", ApiHostFixture.Key } } };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("an age must be between 0 and 36500d", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_multipart_upload_without_a_boundary_is_400()
    {
        var content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n\r\nRIFF\r\n--x--\r\n"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data");
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/recordings") { Content = content, Headers = { { "X-Api-Key", ApiHostFixture.Key } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs a boundary parameter", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unterminated_multipart_upload_is_400()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF....WAVE"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/recordings") { Content = content, Headers = { { "X-Api-Key", ApiHostFixture.Key } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the body ends before the closing boundary '--XyZ--'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_metadata_past_64_KiB_is_413_naming_the_limit()
    {
        var wav = SpeechFixtures.Write(Path.Combine(host.Root, "src-metadata"), 1)[0];
        var metadata = JsonSerializer.Serialize(new { call_id = "C-big", agent = new string('a', 70 * 1024) });
        var file = new ByteArrayContent(File.ReadAllBytes(wav));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        var form = new MultipartFormDataContent { { file, "file", "call.wav" }, { new StringContent(metadata), "metadata" } };
        using var response = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/recordings") { Content = form, Headers = { { "X-Api-Key", ApiHostFixture.Key } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains($"metadata part: invalid call metadata: it is {Encoding.UTF8.GetByteCount(metadata)} bytes; the limit is 65536 (64 KiB)",
            await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Extract(string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/extract") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return request;
    }

    /// <summary>A large body produced on demand, counting what the client actually sent.</summary>
    private sealed class CountingContent(long length) : HttpContent
    {
        private long _sent;

        public long BytesSent => Interlocked.Read(ref _sent);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = new byte[64 * 1024];
            for (long left = length; left > 0; left -= block.Length)
            {
                var count = (int)Math.Min(block.Length, left);
                await stream.WriteAsync(block.AsMemory(0, count));
                Interlocked.Add(ref _sent, count);
            }
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
