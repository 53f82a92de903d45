using System.Diagnostics;
using System.Text.Json;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Recognition;
using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Vad;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Models.FunAsrNano;

/// <summary>
/// The same text as sherpa-onnx-node 1.13.8 (its funasrNano and senseVoice configs, run in a child process since bad
/// metadata makes it exit) on the tiny Fun-ASR-Nano stand-ins, clip by clip.
/// </summary>
public sealed class NanoSherpaParityTests(ITestOutputHelper output)
{
    private static readonly string s_sherpa = RepoPaths.Of(".deps", "sherpa-onnx", "node_modules", "sherpa-onnx-node");

    public static TheoryData<string, string, string> Cases => new()
    {
        { "funasr-nano-int8", "", "auto" },
        { "funasr-nano-int8", "订单号,会员权益；退款", "auto" },
        { "funasr-nano-int8", "", "zh" },
        { "funasr-nano-int8", "订单号,会员权益", "en" },
        { "funasr-nano-fp16", "订单号", "zh" },
        { "funasr-nano", "", "auto" },
        { "sense-voice-nano-ctc", "", "auto" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_text_is_sherpa_onnx_text_on_every_clip(string folder, string hotwords, string language)
    {
        if (!Directory.Exists(s_sherpa) || !IsOnPath("node"))
        {
            output.WriteLine($"SKIPPED: sherpa-onnx-node is not installed at {s_sherpa} or node is missing; tools/install-deps.sh installs it with npm.");
            return;
        }

        var model = RepoPaths.Of("models", "test-nano", folder);
        using var scratch = new ScratchAudio();
        var clips = NanoClips.Write(scratch);
        var theirs = Sherpa(model, hotwords, NanoLlmRecognizer.PromptLanguage(language), clips);

        using var transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = model,
            Device = "cpu",
            IntraOpThreads = 1,
            Language = folder.Contains("ctc", StringComparison.Ordinal) ? "auto" : language,
            Vad = VadOptions.Default with { Method = "off" },
            MaxSegmentDuration = TimeSpan.FromMinutes(1),
            Itn = ItnOptions.Default,
            Hotwords = hotwords.Length == 0 ? null : new HotwordOptions { Phrases = hotwords.Split(',').Select(p => new Hotword(p)).ToArray() },
        });
        var differences = new List<string>();
        var nonEmpty = 0;
        foreach (var clip in clips)
        {
            var ours = (await transcriber.TranscribeFileAsync(clip)).RawText;
            nonEmpty += ours.Length > 0 ? 1 : 0;
            if (ours != theirs[clip])
            {
                differences.Add($"{Path.GetFileName(clip)}: ours '{ours}', sherpa '{theirs[clip]}'");
            }
        }

        output.WriteLine($"{clips.Count - differences.Count}/{clips.Count} clips identical ({folder}, hotwords '{hotwords}', language {language}).");
        Assert.Empty(differences);
        Assert.True(nonEmpty >= clips.Count / 2, $"only {nonEmpty} clips gave text");
    }

    private static Dictionary<string, string> Sherpa(string model, string hotwords, string language, IReadOnlyList<string> clips)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { RepoPaths.Of("tools", "check-sherpa-nano.js"), "--model-dir", model, "--hotwords", hotwords, "--language", language, "--itn", "1" }.Concat(clips))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sherpa-onnx-node exited with {process.ExitCode}: {stderr.Result}");
        return lines.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("file").GetString()!, e => e.GetProperty("text").GetString()!);
    }

    private static bool IsOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
}
