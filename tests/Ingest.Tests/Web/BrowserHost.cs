using System.Net;
using FunAsr.Extractors;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using FunAsr.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Web;

/// <summary>
/// A real host (the demo model, an upload source, the API and the web page) and a headless Debian chromium driven
/// through chromium-driver, logged in. Chromium's fake microphone plays <c>samples/voicemail-zh.wav</c>. The store
/// also holds one call whose transcript is an XSS attempt (<see cref="XssId"/>).
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string Key = "web-test-key-7c1d";
    public const string XssId = "xss-call-1";
    public const string XssText = "<script>window.__xss = 1</script>\" onerror=\"window.__xss = 2\" <img src=x onerror=\"window.__xss = 3\">";

    public string Root { get; } = SpeechFixtures.TempDirectory();

    public string Config { get; private set; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    internal HostProcess Host { get; private set; } = null!;

    public ChromeDriver Browser { get; private set; } = null!;

    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["FUNASR_API_KEYS"] = Key,
        ["FUNASR_MODEL_DIR"] = RepoPaths.Of("models", "demo-callcentre"),
    };

    public async Task InitializeAsync()
    {
        var port = HostProcess.FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Config = HostConfig.Write(Root, $"""
            sources:
              - type: upload
                directory: {Root}/uploads
                max_bytes: 20000000
            api:
              enabled: true
              urls: [{BaseAddress.ToString().TrimEnd('/')}]
            """);
        new EmbeddedStore(Path.Combine(Root, "data", "funasr.db")).Upsert([XssDocument()]);
        Host = HostProcess.Start(Root, Environment, "run", "--config", Config);
        using (var http = new HttpClient { BaseAddress = BaseAddress })
            await Host.WaitUntilAnswersAsync(http, "/readyz", TimeSpan.FromMinutes(2));

        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US",
            "--autoplay-policy=no-user-gesture-required", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=" + RepoPaths.Of("samples", "voicemail-zh.wav"));
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        Browser = new ChromeDriver(service, options, TimeSpan.FromMinutes(2));
        Browser.Navigate().GoToUrl(new Uri(BaseAddress, "/ui/login"));
        Browser.FindElement(By.Id("login-key")).SendKeys(Key);
        Browser.FindElement(By.Id("login-submit")).Click();
        Until(() => Browser.Url.EndsWith("/ui/", StringComparison.Ordinal), "the page after logging in");
    }

    public Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        Host?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Opens a view of the page (<c>#calls</c>, <c>#upload</c>…).</summary>
    public void Open(string hash) => Browser.Navigate().GoToUrl(new Uri(BaseAddress, "/ui/" + hash));

    /// <summary>Polls <paramref name="condition"/> (a missing element counts as false) until true; fails naming <paramref name="what"/>.</summary>
    public void Until(Func<bool> condition, string what, double seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                if (condition()) return;
            }
            catch (WebDriverException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"waited {seconds} s for {what}; page at {Browser.Url}:\n" +
                    Browser.FindElement(By.TagName("body")).Text + "\nhost output:\n" + Host.Output);
            Thread.Sleep(200);
        }
    }

    public object? Script(string script, params object[] args) => Browser.ExecuteScript(script, args);

    /// <summary>Runs <c>fetch(url)</c> in the logged-in page and returns the body as text (passed as JSON, so line ends stay as sent).</summary>
    public string Fetch(string url) => System.Text.Json.JsonSerializer.Deserialize<string>((string)Browser.ExecuteAsyncScript(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(t => done(JSON.stringify(t)), e => done(JSON.stringify('error: ' + e)));",
        url)!)!;

    /// <summary>Saves a screenshot: into docs/images when FUNASR_UPDATE_SCREENSHOTS=1 (for the README), else beside the test data.</summary>
    public void Screenshot(string name)
    {
        var folder = System.Environment.GetEnvironmentVariable("FUNASR_UPDATE_SCREENSHOTS") == "1" ? RepoPaths.Of("docs", "images") : Root;
        Directory.CreateDirectory(folder);
        Browser.GetScreenshot().SaveAsFile(Path.Combine(folder, name));
    }

    /// <summary>An HTTP client on the host that keeps cookies and does not follow redirects.</summary>
    public HttpClient Client(CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    private static RecordingDocument XssDocument()
    {
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3), 0, "agent", "en", XssText, XssText, [], []);
        var transcript = new Transcript("/nowhere/xss.wav", TimeSpan.FromSeconds(4), 1, "en", [segment], XssText, XssText, "cpu", "test-model")
        {
            Turns = SpeakerTurn.Merge([segment]),
        };
        return new RecordingDocument
        {
            RecordingId = XssId, SourcePath = "/nowhere/xss.wav", Metadata = new RecordingMetadata { CallId = XssId, Agent = "<b>agent</b>" },
            Transcript = transcript, Tags = ["<i>tag</i>"], Alerts = [new RuleAlert("xss.rule", "high", "<script>alert(1)</script>", [])],
            Fields = [new ExtractedField("note", "string", "<img src=x>", "<img src=x onerror=\"window.__xss = 3\">", "xss.rule", "r1", 37, 40,
                TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 0, "agent")],
            ModelId = "test-model", RulePackVersion = "r1", Metrics = new Dictionary<string, double>(), ProcessedAt = DateTimeOffset.UtcNow.AddDays(-1),
        };
    }
}
