using System.Globalization;
using System.Net;
using System.Text.Json;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;
using OpenQA.Selenium;

namespace FunAsr.Ingest.Tests.Web;

/// <summary>The web page driven in headless chromium against a real host (issue #28's "Done when").</summary>
public sealed class WebPageTests(BrowserHost web) : IClassFixture<BrowserHost>
{
    private IWebDriver Browser => web.Browser;

    private IReadOnlyCollection<IWebElement> QueueRows => Browser.FindElements(By.CssSelector("#queue tbody tr.queue-row"));

    [Fact]
    public async Task Two_uploads_are_stored_found_by_a_Chinese_phrase_and_a_phone_number_played_from_a_field_and_exported_as_the_cli_does()
    {
        web.Open("#upload");
        var files = Browser.FindElement(By.Id("upload-files"));
        files.SendKeys(RepoPaths.Of("samples", "call-zh-refund.wav") + "\n" + RepoPaths.Of("samples", "voicemail-zh.wav"));
        Browser.FindElement(By.Id("upload-submit")).Click();
        web.Until(() => QueueRows.Count == 2 && QueueRows.All(r => r.FindElement(By.ClassName("queue-state")).Text == "stored"),
            "both uploads to reach 'stored' in the queue", seconds: 240);

        web.Open("#calls");
        Search("我要退款");
        web.Until(() => Browser.FindElements(By.CssSelector("#calls-table tbody tr.call-row")).Count == 1 &&
                        Browser.FindElement(By.CssSelector("#calls-table .hit-text mark")).Text == "我要退款", "one call saying 我要退款");
        web.Screenshot("web-search.png");
        web.Until(() => Click("#calls-table tbody tr.call-row td a"), "opening the call");
        web.Until(() => Browser.FindElements(By.CssSelector("#call-turns .turn.customer")).Count > 0, "the refund call's customer turns");
        web.Screenshot("web-call.png");

        web.Open("#calls");

        Search("15901234567");
        web.Until(() => Browser.FindElements(By.CssSelector("#calls-table tbody tr.call-row")).Count == 1 &&
                        Browser.FindElement(By.CssSelector("#calls-table .hit-text mark")).Text == "15901234567", "one call with the phone number");
        var id = Browser.FindElement(By.CssSelector("#calls-table tbody tr.call-row")).GetAttribute("data-id")!;
        web.Until(() => Click("#calls-table tbody tr.call-row td a"), "opening the call");

        web.Until(() => Browser.FindElements(By.CssSelector("#call-fields tr.field-row[data-name='phone'] .field-at")).Count == 1, "the phone field");
        web.Until(() => Convert.ToInt64(web.Script("return document.getElementById('player').readyState;"), CultureInfo.InvariantCulture) >= 1,
            "the audio's metadata");
        web.Until(() => Click("#call-fields tr.field-row[data-name='phone'] .field-at"), "clicking the phone field");
        var position = Convert.ToDouble(web.Script("const p = document.getElementById('player'); p.pause(); return p.currentTime;"), CultureInfo.InvariantCulture);
        var stored = JsonDocument.Parse(new EmbeddedStore(Path.Combine(web.Root, "data", "funasr.db")).GetDocumentJson(id)!).RootElement;
        var phone = stored.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "phone");
        Assert.Equal(phone.GetProperty("start_seconds").GetDouble(), position, 0.1);
        Assert.Equal("15901234567", Browser.FindElement(By.CssSelector("#call-turns mark.field")).Text);

        web.Open("#calls");
        Search("");
        web.Until(() => Browser.FindElements(By.CssSelector("#calls-table tbody tr.call-row")).Count == 3, "all three calls listed");
        web.Screenshot("web-calls.png");
        var fromPage = web.Fetch(Browser.FindElement(By.Id("export-csv")).GetAttribute("href")!);
        var cliFile = Path.Combine(web.Root, "cli-export.csv");
        using (var cli = HostProcess.Start(web.Root, BrowserHost.Environment, "export", "--format", "csv", "-o", cliFile, "--config", web.Config))
            Assert.Equal(0, await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal(File.ReadAllText(cliFile).TrimStart('\uFEFF'), fromPage.TrimStart('\uFEFF'));
        Assert.Equal(4, fromPage.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_transcript_with_markup_renders_as_text()
    {
        web.Open($"#call/{BrowserHost.XssId}");
        web.Until(() => Browser.FindElements(By.CssSelector("#call-turns .turn-text")).Count == 1, "the XSS call's turn");

        Assert.Equal(BrowserHost.XssText, Browser.FindElement(By.CssSelector("#call-turns .turn-text")).GetAttribute("textContent"));
        Assert.Empty(Browser.FindElements(By.CssSelector("#view-call script, #view-call img, #view-call b, #view-call i")));
        Assert.Contains("<script>alert(1)</script>", Browser.FindElement(By.Id("call-alerts")).Text);
        Assert.Null(web.Script("return window.__xss === undefined ? null : window.__xss;"));

        web.Open("#calls");
        Search("onerror");
        web.Until(() => Browser.FindElements(By.CssSelector("#calls-table tbody tr.call-row")).Count == 1 &&
                        Browser.FindElement(By.CssSelector("#calls-table .hit-text")).Text.Contains("<img src=x", StringComparison.Ordinal),
            "the XSS call in the list, its markup as text");
        Assert.Empty(Browser.FindElements(By.CssSelector("#calls-table img, #calls-table script")));
        Assert.Null(web.Script("return window.__xss === undefined ? null : window.__xss;"));
    }

    [Fact]
    public void The_try_box_shows_each_capture_with_its_span_and_value()
    {
        web.Open("#rules");
        web.Until(() => Browser.FindElements(By.CssSelector("#rules tbody tr")).Count > 5, "the rule pack");
        Assert.Contains("none", Browser.FindElement(By.Id("rule-problems")).Text);

        Browser.FindElement(By.Id("try-text")).SendKeys("我的电话是13812345678");
        Browser.FindElement(By.Id("try-submit")).Click();

        web.Until(() => Browser.FindElements(By.CssSelector("#try-result tr.capture")).Count > 0, "a capture");
        var capture = Browser.FindElement(By.CssSelector("#try-result tr.capture"));
        Assert.Equal("+8613812345678", capture.FindElement(By.ClassName("capture-value")).Text);
        Assert.Contains("[5, 11]", capture.Text);
        Assert.Equal("13812345678", Browser.FindElement(By.CssSelector("#try-marked mark")).Text);
    }

    [Fact]
    public void A_microphone_recording_is_submitted_and_stored()
    {
        web.Open("#upload");
        var before = QueueRows.Count;
        Browser.FindElement(By.Id("mic-start")).Click();
        web.Until(() => Browser.FindElement(By.Id("mic-status")).Text == "recording…", "the recorder to start");
        Thread.Sleep(TimeSpan.FromSeconds(6));   // six seconds of the fake microphone's voicemail
        Browser.FindElement(By.Id("mic-stop")).Click();

        web.Until(() => QueueRows.Count == before + 1, "the microphone recording in the queue");
        var row = QueueRows.First();
        Assert.StartsWith("microphone-", row.FindElement(By.TagName("td")).Text);
        Assert.EndsWith(".webm", row.FindElement(By.TagName("td")).Text);
        web.Until(() => row.FindElement(By.ClassName("queue-state")).Text == "stored", "the microphone recording to be stored", seconds: 180);
        var id = row.FindElement(By.CssSelector(".queue-id a")).Text;
        var document = JsonDocument.Parse(new EmbeddedStore(Path.Combine(web.Root, "data", "funasr.db")).GetDocumentJson(id)!).RootElement;
        Assert.True(document.GetProperty("duration_seconds").GetDouble() > 3);
        Assert.NotEqual("", document.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Without_a_login_pages_redirect_and_data_and_audio_answer_401_and_a_post_needs_the_csrf_token()
    {
        using var anonymous = web.Client(new CookieContainer());
        var page = await anonymous.GetAsync("/ui/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/ui/login", page.Headers.Location?.ToString());
        foreach (var path in new[] { "/ui/api/calls", "/ui/api/choices", $"/ui/api/calls/{BrowserHost.XssId}", "/ui/api/export?format=csv",
                     $"/audio/{BrowserHost.XssId}", "/ui/api/rules", "/ui/api/queue?ids=x" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/ui/api/rules/try", new StringContent("{\"text\":\"x\"}"))).StatusCode);
        // The API key alone is for the API, not the page.
        using var withKey = new HttpRequestMessage(HttpMethod.Get, "/ui/api/calls") { Headers = { { "X-Api-Key", BrowserHost.Key } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(withKey)).StatusCode);

        var cookies = new CookieContainer();
        using var session = web.Client(cookies);
        var form = await session.GetStringAsync("/ui/login");
        var loginToken = System.Text.RegularExpressions.Regex.Match(form, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        var wrongKey = await session.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = loginToken, ["key"] = "wrong" }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        form = await session.GetStringAsync("/ui/login");
        loginToken = System.Text.RegularExpressions.Regex.Match(form, "name=\"csrf\" value=\"([^\"]+)\"").Groups[1].Value;
        var login = await session.PostAsync("/ui/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = loginToken, ["key"] = BrowserHost.Key }));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("funasr_session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/ui/api/calls")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostAsync("/ui/api/rules/try", new StringContent("{\"text\":\"x\"}"))).StatusCode);
        foreach (var path in new[] { "/audio/..%2F..%2Fetc%2Fpasswd", "/audio/%2Fetc%2Fpasswd", "/audio/not-a-recording" })
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/ui/assets/..%2F..%2Fappsettings.json")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await session.PostAsync("/ui/logout", new FormUrlEncodedContent(new Dictionary<string, string>()))).StatusCode);
        var pageToken = System.Text.RegularExpressions.Regex.Match(await session.GetStringAsync("/ui/"), "name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        var logout = await session.PostAsync("/ui/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["csrf"] = pageToken }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/ui/api/calls")).StatusCode);
    }

    /// <summary>Clicks the element; false when it is missing or was just replaced (for <see cref="BrowserHost.Until"/>).</summary>
    private bool Click(string selector)
    {
        Browser.FindElement(By.CssSelector(selector)).Click();
        return true;
    }

    private void Search(string text)
    {
        var box = Browser.FindElement(By.Id("filter-q"));
        box.Clear();
        if (text.Length > 0) box.SendKeys(text);
        Browser.FindElement(By.Id("filter-search")).Click();
    }
}
