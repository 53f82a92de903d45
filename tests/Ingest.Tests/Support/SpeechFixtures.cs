using System.Diagnostics;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>Real recordings made with espeak-ng (installed by tools/install-deps.sh) in a temporary folder.</summary>
internal static class SpeechFixtures
{
    public static readonly string[] Sentences =
    [
        "您好，我的电话是一三八一二三四五六七八，我要退款",
        "Hello, please call me back at five five five, one two three four",
        "我们的营业时间是早上九点到晚上六点",
        "My order number is four two seven, I want to cancel it",
        "请帮我查一下订单，谢谢",
        "I would like to make a complaint about the delivery",
    ];

    /// <summary>Writes one WAV per sentence (cycling, with a varying speed so each file differs) and returns the paths.</summary>
    /// <param name="directory">Where the files go.</param>
    /// <param name="count">How many files.</param>
    /// <param name="repeats">How many times each file says its sentence: more makes a recording that takes longer to transcribe.</param>
    public static IReadOnlyList<string> Write(string directory, int count, int repeats = 1)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var sentence = string.Join(' ', Enumerable.Repeat(Sentences[i % Sentences.Length], repeats));
            var voice = sentence.Any(c => c > 0x2E80) ? "zh" : "en";
            var path = Path.Combine(directory, $"call{i:D3}.wav");
            Run("espeak-ng", "-v", voice, "-s", (150 + i * 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", path, sentence);
            paths.Add(path);
        }
        return paths;
    }

    /// <summary>The model used by tests: the small committed test model.</summary>
    public static string ModelDirectory => RepoPaths.Of("models", "test-tiny");

    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "funasr-ingest-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// A stereo call as telephony records it (8 kHz µ-law WAV): <paramref name="left"/> said on channel 0 from the start,
    /// <paramref name="right"/> on channel 1 after <paramref name="rightDelaySeconds"/>, both in English.
    /// </summary>
    public static string WriteStereoCall(string path, string left, string right, double rightDelaySeconds)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var leftWav = path + ".left.tmp.wav";
        var rightWav = path + ".right.tmp.wav";
        var delayedWav = path + ".delayed.tmp.wav";
        Run("espeak-ng", "-v", "en", "-w", leftWav, left);
        Run("espeak-ng", "-v", "en", "-w", rightWav, right);
        Run("sox", rightWav, delayedWav, "pad", rightDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Run("sox", "-M", leftWav, delayedWav, "-r", "8000", "-e", "u-law", path);
        foreach (var temporary in new[] { leftWav, rightWav, delayedWav }) File.Delete(temporary);
        return path;
    }

    /// <summary>Runs a tool with stdin closed (ffmpeg and sox would otherwise read the test host's stdin).</summary>
    public static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {process.StandardError.ReadToEnd()}");
    }
}
