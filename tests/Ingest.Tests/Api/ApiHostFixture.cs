using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Api;

/// <summary>
/// One real <c>run</c> host with the API on loopback, uploads, the embedded store and the bundled rules, shared by a
/// test class. <see cref="ExtractMaxChars"/> is small so the limits are reached with small bodies.
/// </summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const string Key = "bounds-key-7d1e";
    public const int ExtractMaxChars = 2000;

    private HostProcess? _host;

    public string Root { get; } = SpeechFixtures.TempDirectory();

    public Uri BaseAddress { get; private set; } = null!;

    public string Output => _host?.Output ?? "";

    public async Task InitializeAsync()
    {
        var port = HostProcess.FreePort();
        var config = HostConfig.Write(Root, $"""
            sources:
              - type: upload
                directory: {Root}/uploads
                max_bytes: 2000000
            sinks:
              - type: sqlite
            rules:
              directory: {RepoPaths.Of("rules")}
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
              extract_max_chars: {ExtractMaxChars}
            """);
        _host = HostProcess.Start(Root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = Key }, "run", "--config", config);
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = BaseAddress };
        await _host.WaitUntilAnswersAsync(http, "/healthz", TimeSpan.FromMinutes(2));
    }

    public Task DisposeAsync()
    {
        _host?.Dispose();
        return Task.CompletedTask;
    }
}
