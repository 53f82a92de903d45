using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Web;

/// <summary>The rules view names the problems of an edit that does not load, with file:line:col, while the last good pack runs.</summary>
public sealed class WebRuleProblemsTests : IAsyncLifetime
{
    private readonly string _root = SpeechFixtures.TempDirectory();
    private HostProcess? _host;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var rules = Path.Combine(_root, "rules");
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Of("rules"), "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(rules, Path.GetRelativePath(RepoPaths.Of("rules"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        var port = HostProcess.FreePort();
        var config = HostConfig.Write(_root, $"""
            rules:
              directory: {rules}
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        _host = HostProcess.Start(_root, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = BrowserHost.Key }, "run", "--config", config);
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        await _host.WaitUntilAnswersAsync(_http, "/readyz", TimeSpan.FromMinutes(2));
        var form = await _http.GetStringAsync("/ui/login");
        var token = Regex.Match(form, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        var login = await _http.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = token, ["key"] = BrowserHost.Key }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        _host?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_broken_rule_file_is_listed_with_its_file_line_and_column_beside_the_rules_in_use()
    {
        var before = JsonDocument.Parse(await _http.GetStringAsync("/ui/api/rules")).RootElement;
        Assert.Empty(before.GetProperty("problems").EnumerateArray());
        var ruleCount = before.GetProperty("rules").GetArrayLength();
        Assert.True(ruleCount > 5);

        var broken = Path.Combine(_root, "rules", "extractors", "broken.yaml");
        File.WriteAllText(broken, "rules:\n  - id: broken\n    description: a rule with an unknown pattern\n    match: \"%{NO_SUCH_PATTERN:x}\"\n");

        var after = JsonDocument.Parse(await _http.GetStringAsync("/ui/api/rules")).RootElement;
        var problem = Assert.Single(after.GetProperty("problems").EnumerateArray(),
            p => p.GetProperty("message").GetString()!.Contains("NO_SUCH_PATTERN", StringComparison.Ordinal));
        Assert.Equal((broken, 4), (problem.GetProperty("file").GetString(), problem.GetProperty("line").GetInt32()));
        Assert.True(problem.GetProperty("column").GetInt32() >= 1);
        Assert.Equal(ruleCount, after.GetProperty("rules").GetArrayLength());
    }
}
