using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using FunAsr.Ingest.Cli;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// FunASR's standard pipeline on the tiny stand-ins of models/tiny-funasr: FSMN-VAD → Paraformer → CT-Transformer
/// punctuation → ITN, through <c>transcribe</c> and through the host. The tiny models' words are meaningless; what is
/// checked is that every stage runs: two tone bursts become two segments, and each ends in the 。 punctuation adds.
/// </summary>
public sealed class FunAsrPipelineTests : IDisposable
{
    private static readonly string Paraformer = RepoPaths.Of("models", "tiny-funasr", "paraformer");
    private static readonly string Fsmn = RepoPaths.Of("models", "tiny-funasr", "fsmn-vad");
    private static readonly string Punc = RepoPaths.Of("models", "tiny-funasr", "punc");
    private readonly string _dir = SpeechFixtures.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Transcribe_runs_fsmn_vad_paraformer_and_punctuation_end_to_end()
    {
        var wav = TwoBursts();
        var root = new RootCommand { TranscribeCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await root.Parse(["transcribe", wav, "--model", Paraformer, "--vad", "fsmn", "--vad-model", Fsmn, "--punc", Punc,
            "--format", "json", "--device", "cpu", "--no-rules"]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });

        Assert.True(code == 0, stderr.ToString());
        var document = JsonDocument.Parse(stdout.ToString()).RootElement;
        var segments = document.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(2, segments.Length);
        Assert.All(segments, s => Assert.EndsWith("。", s.GetProperty("raw_text").GetString()));
        Assert.InRange(segments[1].GetProperty("start_seconds").GetDouble(), 2.6, 3.0);
    }

    [Fact]
    public async Task Without_punc_the_same_segments_carry_no_punctuation()
    {
        var wav = TwoBursts();
        var root = new RootCommand { TranscribeCommand.Create() };
        var stdout = new StringWriter();

        var code = await root.Parse(["transcribe", wav, "--model", Paraformer, "--vad", "fsmn", "--vad-model", Fsmn, "--punc", Punc, "--no-punc",
            "--format", "json", "--device", "cpu", "--no-rules"]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter() });

        Assert.Equal(0, code);
        var segments = JsonDocument.Parse(stdout.ToString()).RootElement.GetProperty("segments").EnumerateArray().ToArray();
        Assert.Equal(2, segments.Length);
        Assert.All(segments, s => Assert.DoesNotContain("。", s.GetProperty("raw_text").GetString()));
    }

    [Fact]
    public async Task The_host_runs_the_configured_funasr_pipeline()
    {
        var port = HostProcess.FreePort();
        var config = Path.Combine(_dir, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"""
            data_dir: {_dir}/data
            sources:
              - type: upload
                directory: {_dir}/uploads
                max_bytes: 2000000
            recognizer:
              model_dir: {Paraformer}
              device: cpu
              vad: fsmn
              vad_model_dir: {Fsmn}
            punctuation:
              model_dir: {Punc}
            pipeline:
              retry_backoff_seconds: 0
              poll_seconds: 0.2
            api:
              enabled: true
              urls: [http://127.0.0.1:{port}]
            """);
        const string key = "test-key-funasr";
        using var host = HostProcess.Start(_dir, new Dictionary<string, string> { ["FUNASR_API_KEYS"] = key }, "run", "--config", config);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitReadyAsync(http, host);
        var file = new ByteArrayContent(File.ReadAllBytes(TwoBursts()));
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/recordings")
        {
            Content = new MultipartFormDataContent { { file, "file", "call.wav" } }, Headers = { { "X-Api-Key", key } },
        };
        var id = JsonDocument.Parse(await (await http.SendAsync(post)).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        JsonElement body = default;
        for (var i = 0; i < 300 && body.ValueKind == JsonValueKind.Undefined || body.GetProperty("state").GetString() is not ("stored" or "failed"); i++)
        {
            await Task.Delay(200);
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/recordings/{id}") { Headers = { { "X-Api-Key", key } } };
            body = JsonDocument.Parse(await (await http.SendAsync(get)).Content.ReadAsStringAsync()).RootElement;
        }

        Assert.True(body.GetProperty("state").GetString() == "stored", host.Output);
        Assert.Contains("Voice activity detection uses FSMN-VAD", host.Output);
        Assert.Contains("Punctuation by the CT-Transformer", host.Output);
        Assert.Contains("。", body.GetProperty("document").GetRawText());
    }

    private static async Task WaitReadyAsync(HttpClient http, HostProcess host)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/readyz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !host.HasExited)
            {
            }

            if (DateTime.UtcNow > deadline || host.HasExited)
                throw new Xunit.Sdk.XunitException("the host did not become ready:\n" + host.Output);
            await Task.Delay(200);
        }
    }

    /// <summary>1 s of silence, 1 s of a 440 Hz tone, 1 s of silence, 1 s of a 660 Hz tone, 1 s of silence (16 kHz, 16 bits).</summary>
    private string TwoBursts()
    {
        var name = Path.Combine(_dir, $"bursts-{Guid.NewGuid():N}");
        SpeechFixtures.Run("sox", "-D", "-n", "-r", "16000", "-b", "16", name + ".a.wav", "synth", "1", "sine", "440", "vol", "0.3", "pad", "1", "0");
        SpeechFixtures.Run("sox", "-D", "-n", "-r", "16000", "-b", "16", name + ".b.wav", "synth", "1", "sine", "660", "vol", "0.3", "pad", "1", "1");
        SpeechFixtures.Run("sox", name + ".a.wav", name + ".b.wav", name + ".wav");
        return name + ".wav";
    }
}
