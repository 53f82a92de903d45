using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunAsr.Ingest.Cli;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// <c>transcribe</c> end to end: files made with sox/ffmpeg (tones the tiny test model recognises as known tokens:
/// 325.6 Hz → 你, 533.5 Hz → 好, 783.5 Hz → 订; see models/test-tiny/tones.tsv), the real ONNX Runtime, the real CLI.
/// </summary>
public sealed class TranscribeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("transcribe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Pcm16_float_and_mp3_give_the_known_tokens_as_json_with_one_file_per_input()
    {
        var tones = Tones("tones.wav", 16000, 325.6, 533.5);
        var pcm16 = Run("sox", tones, "-b", "16", Path.Combine(_dir, "pcm16.wav"));
        var floatWav = Run("sox", tones, "-e", "floating-point", "-b", "32", Path.Combine(_dir, "float.wav"));
        var mp3 = Run("ffmpeg", "-loglevel", "error", "-i", tones, Path.Combine(_dir, "tones.mp3"));
        var outDir = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = await Invoke("transcribe", pcm16, floatWav, mp3, "--format", "json", "--out", outDir, "--device", "cpu", "--vad", "off");

        Assert.True(code == 0, stderr);
        var documents = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, documents.Length);
        foreach (var document in documents)
        {
            Assert.Equal("你好", document.GetProperty("text").GetString());
            Assert.Equal("你好", document.GetProperty("raw_text").GetString());
            Assert.Equal(("zh", "cpu", 1), (document.GetProperty("language").GetString(), document.GetProperty("device").GetString(), document.GetProperty("channels").GetInt32()));
            Assert.Equal(JsonValueKind.Array, document.GetProperty("fields").ValueKind);
            var segment = document.GetProperty("segments")[0];
            Assert.Equal(0, segment.GetProperty("channel").GetInt32());
            var tokens = segment.GetProperty("tokens").EnumerateArray().Select(t => (t.GetProperty("text").GetString(), t.GetProperty("start_seconds").GetDouble())).ToArray();
            Assert.Equal(["你", "好"], tokens.Select(t => t.Item1));
            Assert.InRange(tokens[1].Item2, 0.8, 1.0);
            Assert.InRange(document.GetProperty("duration_seconds").GetDouble(), 1.3, 1.5);
        }

        Assert.Equal(["float.json", "pcm16.json", "tones.json"], Directory.GetFiles(outDir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task A_mu_law_stereo_8kHz_call_gives_one_segment_per_channel()
    {
        var agent = Tones("agent.wav", 8000, 325.6, 533.5);
        var customer = Tones("customer.wav", 8000, 783.5);
        var call = Run("sox", "-D", "-M", agent, customer, "-e", "u-law", "-r", "8000", Path.Combine(_dir, "call.wav"));

        var (code, stdout, stderr) = await Invoke("transcribe", call, "--format", "text", "--vad", "off");

        Assert.True(code == 0, stderr);
        Assert.Contains("2 ch", stdout);
        Assert.Contains("agent: 你好", stdout);
        Assert.Contains("customer: 订", stdout);
    }

    [Fact]
    public async Task Bad_files_each_give_one_error_line_and_the_others_still_run()
    {
        var good = Run("sox", Tones("tones.wav", 16000, 325.6), "-b", "16", Path.Combine(_dir, "good.wav"));
        var truncated = Path.Combine(_dir, "truncated.wav");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good).AsSpan(0, 30).ToArray());
        var text = Path.Combine(_dir, "notes.wav");
        File.WriteAllText(text, "this is a text file, not audio\n");

        var (code, stdout, stderr) = await Invoke("transcribe", truncated, good, text, Path.Combine(_dir, "missing.wav"));

        Assert.Equal(1, code);
        Assert.Contains("speaker: 你", stdout);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, errors.Length);
        Assert.Contains(truncated, errors[0]);
        Assert.Contains(text, errors[1]);
        Assert.Contains("missing.wav", errors[2]);
    }

    [Fact]
    public async Task A_symlink_loop_among_the_files_is_one_error_line_and_the_others_are_transcribed()
    {
        var good = Run("sox", Tones("tones.wav", 16000, 325.6), "-b", "16", Path.Combine(_dir, "good.wav"));
        var loop = Path.Combine(_dir, "loop.wav");
        File.CreateSymbolicLink(loop, loop);

        var (code, stdout, stderr) = await Invoke("transcribe", loop, good, "--device", "cpu", "--vad", "off");

        Assert.Equal(1, code);
        Assert.Contains("speaker: 你", stdout);
        var error = Assert.Single(stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: {loop}: ", error);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_own_output_beside_the_recording_is_never_read_back_as_metadata()
    {
        var wav = Run("sox", Tones("tones.wav", 16000, 325.6), "-b", "16", Path.Combine(_dir, "call.wav"));
        File.WriteAllText(Path.Combine(_dir, "call.json"), "");   // what `transcribe call.wav --format json > call.json` leaves while it runs

        var (redirected, stdout, stderr) = await Invoke("transcribe", wav, "--format", "json", "--device", "cpu", "--vad", "off", "--out", _dir);
        var (again, _, stderrAgain) = await Invoke("transcribe", wav, "--format", "json", "--device", "cpu", "--vad", "off", "--out", _dir);

        Assert.True(redirected == 0, stderr);
        Assert.True(again == 0, stderrAgain);
        Assert.Equal("你", JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "call.json"))).RootElement.GetProperty("text").GetString());
        Assert.Equal("你", JsonDocument.Parse(stdout).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_sidecar_named_after_the_whole_file_name_sets_the_channel_roles()
    {
        var agent = Tones("agent.wav", 8000, 325.6, 533.5);
        var customer = Tones("customer.wav", 8000, 783.5);
        var call = Run("sox", "-D", "-M", agent, customer, "-r", "8000", Path.Combine(_dir, "call.wav"));
        File.WriteAllText(call + ".json", """{"channel_roles": ["customer", "agent"]}""");

        var (code, stdout, stderr) = await Invoke("transcribe", call, "--vad", "off");

        Assert.True(code == 0, stderr);
        Assert.Contains("customer: 你好", stdout);
        Assert.Contains("agent: 订", stdout);
    }

    [Fact]
    public async Task A_missing_model_directory_is_one_clear_error()
    {
        var (code, _, stderr) = await Invoke("transcribe", "x.wav", "--model", Path.Combine(_dir, "no-model"));

        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(_dir, "no-model")}: model directory does not exist", stderr.Trim().Split(". ")[0]);
    }

    [Fact]
    public async Task A_model_with_wrong_inputs_is_one_clear_error()
    {
        var (code, _, stderr) = await Invoke("transcribe", "x.wav", "--model", RepoPaths.Of("models", "test-tiny", "wrong-inputs"), "--device", "cpu");

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {RepoPaths.Of("models", "test-tiny", "wrong-inputs", "model.onnx")}: inputs are (audio", stderr.Trim());
    }

    [Fact]
    public async Task Rules_fill_fields_with_token_times_tags_and_alerts_and_redactions_reach_raw_text_and_tokens()
    {
        var rules = Directory.CreateDirectory(Path.Combine(_dir, "rules")).FullName;
        File.WriteAllText(Path.Combine(rules, "greeting.yaml"), """
            rules:
              - id: greeting
                match: "(?<greeting>你好)"
                timeout_ms: 10000
                tags: [greeted]
                alert: { severity: low, message: "Greeting: {text}" }
              - id: redact.hao
                match: "好"
                timeout_ms: 10000
                redact: { mask: "#" }
            """);
        var wav = Run("sox", Tones("tones.wav", 16000, 325.6, 533.5), "-b", "16", Path.Combine(_dir, "call.wav"));

        var (code, stdout, stderr) = await Invoke("transcribe", wav, "--format", "json", "--device", "cpu", "--vad", "off", "--rules", rules);

        Assert.True(code == 0, stderr);
        var document = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(("你#", "你#"), (document.GetProperty("text").GetString(), document.GetProperty("raw_text").GetString()));
        Assert.Equal(["你", "#"], document.GetProperty("segments")[0].GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
        var field = Assert.Single(document.GetProperty("fields").EnumerateArray());
        Assert.Equal(("greeting", "你#", 0), (field.GetProperty("name").GetString(), field.GetProperty("text").GetString(), field.GetProperty("channel").GetInt32()));
        Assert.InRange(field.GetProperty("start_seconds").GetDouble(), 0.0, 0.5);
        Assert.InRange(field.GetProperty("end_seconds").GetDouble(), 0.8, 1.5);
        Assert.Equal(["greeted"], document.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var alert = Assert.Single(document.GetProperty("alerts").EnumerateArray());
        Assert.Equal(("greeting", "Greeting: 你#"), (alert.GetProperty("rule_id").GetString(), alert.GetProperty("message").GetString()));
        Assert.Equal("你#", alert.GetProperty("fields")[0].GetProperty("text").GetString());
        Assert.Equal("你#", document.GetProperty("turns")[0].GetProperty("text").GetString());

        var (_, plain, _) = await Invoke("transcribe", wav, "--format", "json", "--device", "cpu", "--vad", "off", "--rules", rules, "--no-rules");
        var unextracted = JsonDocument.Parse(plain).RootElement;
        Assert.Equal("你好", unextracted.GetProperty("raw_text").GetString());
        Assert.Equal(0, unextracted.GetProperty("fields").GetArrayLength());
    }

    [Fact]
    public async Task A_missing_rule_folder_is_one_clear_error()
    {
        var (code, _, stderr) = await Invoke("transcribe", "x.wav", "--rules", Path.Combine(_dir, "no-rules"));

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains($"{Path.Combine(_dir, "no-rules")}:1:1: rule directory does not exist", stderr);
    }

    [Fact]
    public async Task Thread_counts_change_nothing_in_the_transcript_and_a_negative_one_is_refused_by_name()
    {
        var tones = Run("sox", Tones("tones.wav", 16000, 325.6, 533.5), "-b", "16", Path.Combine(_dir, "threads.wav"));

        var one = await Invoke("transcribe", tones, "--format", "json", "--device", "cpu", "--vad", "off", "--threads", "1", "--inter-op-threads", "1");
        var two = await Invoke("transcribe", tones, "--format", "json", "--device", "cpu", "--vad", "off", "--threads", "2", "--inter-op-threads", "2");
        var negative = await Invoke("transcribe", tones, "--inter-op-threads", "-1");

        Assert.True(one.Code == 0, one.Stderr);
        Assert.Equal(WithoutProcessedAt(one.Stdout), WithoutProcessedAt(two.Stdout));
        Assert.Equal("你好", JsonDocument.Parse(one.Stdout).RootElement.GetProperty("text").GetString());
        Assert.NotEqual(0, negative.Code);
        Assert.Contains("--inter-op-threads must be 0 (automatic) or more.", negative.Stderr);
    }

    /// <summary>The transcript JSON without <c>processed_at</c>, the one value that differs between two runs.</summary>
    private static string WithoutProcessedAt(string json)
    {
        var transcript = JsonNode.Parse(json)!.AsObject();
        transcript.Remove("processed_at");
        return transcript.ToJsonString();
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Invoke(params string[] args)
    {
        var root = new RootCommand { TranscribeCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var withModel = args.Contains("--model") ? args : [.. args, "--model", RepoPaths.Of("models", "test-tiny")];
        var code = await root.Parse(withModel).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// A mono WAV: for each frequency 0.2 s of silence, 0.3 s of tone, 0.2 s of silence. Made without dither (-D), so
    /// every run gets the same samples: sox's random dither once in a few runs gave the MP3's encoder tail enough
    /// energy near 5.8 kHz for the tiny model to add "one".
    /// </summary>
    private string Tones(string name, int sampleRateHz, params double[] frequencies)
    {
        var parts = frequencies.Select((hz, i) => Path.Combine(_dir, $"{name}.{i}.wav")).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            Run("sox", "-D", "-n", "-r", $"{sampleRateHz}", "-b", "16", parts[i], "synth", "0.3", "sine", $"{frequencies[i]}", "vol", "0.3", "pad", "0.2", "0.2");
        }

        return parts.Length == 1 ? parts[0] : Run("sox", ["-D", .. parts, Path.Combine(_dir, name)]);
    }

    /// <summary>Runs a tool and returns its last argument (the file it wrote, for the calls that end with it).</summary>
    private static string Run(string tool, params string[] args)
    {
        // stdin is closed: ffmpeg otherwise reads the test host's stdin as key presses and can stop encoding early.
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true, RedirectStandardInput = true })!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {error}");
        return args[^1];
    }
}
