using System.CommandLine;
using System.Globalization;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>funasr-pipeline vad FILE...</c>: the speech segments voice activity detection finds in each channel, without the
/// speech model; for tuning <see cref="VadOptions"/> and measuring boundaries against known turn times.
/// </summary>
internal static class VadCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Recordings (any format transcribe reads). Example: samples/call-en-order.wav",
            Arity = ArgumentArity.OneOrMore,
        };
        var method = new Option<string>("--vad")
        {
            Description = "auto (silero, else energy), silero, energy or fsmn (FunASR's FSMN-VAD from --vad-model DIR). Example: --vad energy",
            DefaultValueFactory = _ => VadOptions.Default.Method,
        };
        method.AcceptOnlyFromAmong("auto", "silero", "energy", "fsmn");
        var model = new Option<string?>("--vad-model") { Description = "The FSMN-VAD folder for --vad fsmn, or a silero file. Example: --vad-model models/fsmn-vad" };
        var threshold = new Option<float>("--threshold") { Description = "Speech probability that starts speech. Example: --threshold 0.6", DefaultValueFactory = _ => VadOptions.Default.Threshold };
        var minSilence = new Option<int>("--min-silence-ms") { Description = "Pause that ends a segment, ms. Example: --min-silence-ms 300", DefaultValueFactory = _ => (int)VadOptions.Default.MinSilence.TotalMilliseconds };
        var minSpeech = new Option<int>("--min-speech-ms") { Description = "Shortest kept speech, ms. Example: --min-speech-ms 200", DefaultValueFactory = _ => (int)VadOptions.Default.MinSpeech.TotalMilliseconds };
        var pad = new Option<int>("--pad-ms") { Description = "Padding on each side, ms. Example: --pad-ms 50", DefaultValueFactory = _ => (int)VadOptions.Default.SpeechPad.TotalMilliseconds };
        var threads = CliOptions.Threads("1 (a 32 ms window is too small to share)");
        var json = new Option<bool>("--json") { Description = "One JSON object per file: {file, method, duration_s, channels, segments: [{channel, start, end}]} (seconds)." };
        var command = new Command("vad",
            "Print the speech of each channel found by voice activity detection (no speech model; times without the padding " +
            "the model gets).\n" +
            "Examples:\n  funasr-pipeline vad samples/call-en-order.wav\n  funasr-pipeline vad --json --vad energy --min-silence-ms 300 call.wav")
        {
            files, method, threshold, minSilence, minSpeech, pad, json, model, threads,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var options = VadOptions.Default with
            {
                Method = pr.GetValue(method)!,
                ModelPath = pr.GetValue(model),
                Threshold = pr.GetValue(threshold),
                MinSilence = TimeSpan.FromMilliseconds(pr.GetValue(minSilence)),
                MinSpeech = TimeSpan.FromMilliseconds(pr.GetValue(minSpeech)),
                SpeechPad = TimeSpan.FromMilliseconds(pr.GetValue(pad)),
                Threads = pr.GetValue(threads) ?? VadOptions.Default.Threads,
            };
            var stdout = pr.InvocationConfiguration.Output;
            var stderr = pr.InvocationConfiguration.Error;
            using var logging = CliLogging.Create(LogLevel.Information);
            SpeechDetector detector;
            try
            {
                detector = SpeechDetector.Create(options, logging.CreateLogger("vad"));
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or ModelLoadException or OnnxRuntimeException)
            {
                await stderr.WriteLineAsync("error: " + e.Message);
                return 2;
            }

            using (detector)
            {
                var failures = 0;
                foreach (var file in pr.GetValue(files)!)
                {
                    try
                    {
                        await WriteAsync(stdout, file, detector, pr.GetValue(json), ct);
                    }
                    catch (Exception e) when (e is AudioFormatException or FileNotFoundException or DirectoryNotFoundException)
                    {
                        failures++;
                        await stderr.WriteLineAsync(e is AudioFormatException ? $"error: {e.Message}" : $"error: {file}: {e.Message}");
                    }
                }

                return failures == 0 ? 0 : 1;
            }
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter stdout, string file, SpeechDetector detector, bool json, CancellationToken ct)
    {
        var activity = await Task.Run(() => detector.DetectFile(file, ct), ct);
        static double S(TimeSpan t) => Math.Round(t.TotalSeconds, 3);
        if (json)
        {
            await stdout.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new
            {
                file,
                method = detector.Method,
                duration_s = S(activity.Duration),
                channels = activity.Channels,
                segments = activity.Speech.Select(s => new { channel = s.Channel, start = S(s.Start), end = S(s.End) }),
            }));
            return;
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{file} ({activity.Duration.TotalSeconds:F1} s, {activity.Channels} ch, {detector.Method}): {activity.Speech.Count} segments"));
        foreach (var s in activity.Speech)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  ch{s.Channel} {s.Start.TotalSeconds,8:F2} – {s.End.TotalSeconds,8:F2} s"));
        }
    }
}
