using System.CommandLine;
using FunAsr.Extractors;
using FunAsr.Extractors.Rules;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Sources;
using FunAsr.Recognizer;
using Spectre.Console;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>funasr-pipeline transcribe FILE...</c>: recognise recordings with the model and print or write their transcripts.
/// A file that cannot be read gives one error line and the others continue (exit code 1); a model or runtime problem
/// stops at once (exit code 2).
/// </summary>
internal static class TranscribeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Recordings: WAV (PCM, float, µ-law/A-law), or mp3/m4a/ogg/opus/flac/amr/wma through ffmpeg. Example: samples/call-001.wav",
            Arity = ArgumentArity.OneOrMore,
        };
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Model directory (model.onnx + tokens.txt, or a FunASR export with tokens.json + am.mvn). " +
                          "Default: $FUNASR_MODEL_DIR, else the bundled models/demo-callcentre, else models/test-tiny. " +
                          "Example: --model ~/models/sherpa-onnx-sense-voice-zh-en-ja-ko-yue-2024-07-17",
        };
        var device = new Option<string>("--device")
        {
            Description = "auto (CUDA if this ONNX Runtime build and machine have it, else CPU), cpu, cuda:N or tensorrt:N (fail if unavailable). Example: --device cuda:0",
            DefaultValueFactory = _ => "auto",
        };
        var threads = CliOptions.Threads("0 for the speech model; the VAD runs on one");
        var interOpThreads = CliOptions.InterOpThreads("0");
        var language = new Option<string>("--language", "-l")
        {
            Description = "Language prompt: auto, zh, en (also yue, ja, ko with SenseVoiceSmall). Example: --language zh",
            DefaultValueFactory = _ => "auto",
        };
        var format = new Option<string>("--format")
        {
            Description = "stdout format: text (one line per segment) or json (one JSON document per recording per line). Example: --format json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Also write <file name without extension>.json per recording into this directory. Example: --out out/",
        };
        var noItn = new Option<bool>("--no-itn")
        {
            Description = "Keep the spoken form (四零零 instead of 400) in text; raw_text is always the spoken form.",
        };
        var hotwords = new Option<string?>("--hotwords")
        {
            Description = "Hotword file: one phrase per line, optional ':score' (bonus per token), '#' comments; decodes with a " +
                          "biased prefix beam search instead of greedy. Example: --hotwords rules/hotwords.txt (line: '会员权益 :2.5')",
        };
        var hotwordScore = new Option<float>("--hotword-score")
        {
            Description = "Default bonus per hotword token (log-probability), for lines without ':score'. Example: --hotword-score 2.5",
            DefaultValueFactory = _ => new HotwordOptions().ScorePerToken,
        };
        var beamSize = new Option<int>("--beam-size")
        {
            Description = "Prefixes kept per frame by the beam search used with --hotwords. Example: --beam-size 16",
            DefaultValueFactory = _ => new HotwordOptions().BeamSize,
        };
        var languageModel = new Option<string?>("--lm")
        {
            Description = "N-gram language model (ARPA over the model's tokens) fused into a prefix beam search. " +
                          "Default: the model directory's lm.arpa when it has one. Example: --lm models/demo-callcentre/lm.arpa",
        };
        var noLanguageModel = new Option<bool>("--no-lm")
        {
            Description = "Decode without a language model, even when the model directory has lm.arpa (greedy unless --hotwords).",
        };
        var languageModelWeight = new Option<float>("--lm-weight")
        {
            Description = "Scale of the language model's log-probability against the acoustic one. Example: --lm-weight 0.3",
            DefaultValueFactory = _ => LanguageModelOptions.Default.Weight,
        };
        var languageModelBonus = new Option<float>("--lm-token-bonus")
        {
            Description = "Score added per emitted token with a language model (offsets its cost per token). Example: --lm-token-bonus 1.5",
            DefaultValueFactory = _ => LanguageModelOptions.Default.TokenBonus,
        };
        var languageModelLanguages = new Option<string[]>("--lm-languages")
        {
            Description = "Only utterances the model tags with these languages are scored by the language model; others decode " +
                          "without it. Default: every language. Example: --lm-languages zh",
            AllowMultipleArgumentsPerToken = true,
        };
        var vad = new Option<string>("--vad")
        {
            Description = "Voice activity detection: auto (silero from models/silero-vad, else the energy detector), silero, energy, " +
                          "fsmn (FunASR's FSMN-VAD from --vad-model DIR), or off (no VAD: whole channels cut every 30 s, no call metrics). Example: --vad energy",
            DefaultValueFactory = _ => VadOptions.Default.Method,
        };
        vad.AcceptOnlyFromAmong("auto", "silero", "energy", "fsmn", "off");
        var vadModel = new Option<string?>("--vad-model")
        {
            Description = "The FSMN-VAD folder for --vad fsmn (model.onnx, am.mvn, config.yaml), or a silero file. Example: --vad fsmn --vad-model models/fsmn-vad",
        };
        var punctuation = new Option<string?>("--punc")
        {
            Description = "CT-Transformer punctuation model folder, run on each segment before ITN. Example: --punc models/punc_ct-transformer",
        };
        var noPunctuation = new Option<bool>("--no-punc")
        {
            Description = "Write no punctuation even when a punctuation model is given.",
        };
        var channelRoles = new Option<string[]>("--channel-roles")
        {
            Description = "Speaker of each channel, in channel order; a sidecar <file>.<ext>.json (call.wav.json) with \"channel_roles\" wins. " +
                          "Default: agent (left), customer (right); mono: speaker. Example: --channel-roles customer agent",
            AllowMultipleArgumentsPerToken = true,
        };
        var rules = new Option<string?>("--rules")
        {
            Description = "Rule folder whose fields, tags and alerts are added to each transcript (redactions applied). " +
                          "Default: $FUNASR_RULES_DIR, else the bundled rules/ beside the application. The one used is named on stderr. Example: --rules rules/",
        };
        var noRules = new Option<bool>("--no-rules")
        {
            Description = "Skip extraction: fields, tags and alerts stay empty.",
        };
        var command = new Command("transcribe", "Transcribe recordings with the speech model. Example: funasr-pipeline transcribe call.wav --format json --out out/")
        {
            files, model, device, threads, interOpThreads, language, format, output, noItn, hotwords, hotwordScore, beamSize,
            languageModel, noLanguageModel, languageModelWeight, languageModelBonus, languageModelLanguages, vad, channelRoles, rules, noRules,
            vadModel, punctuation, noPunctuation,
        };
        command.SetAction((parseResult, ct) => RunAsync(
            parseResult,
            new TranscribeRequest(
                parseResult.GetValue(files)!,
                parseResult.GetValue(model),
                parseResult.GetValue(device)!,
                parseResult.GetValue(threads) ?? 0,
                parseResult.GetValue(language)!,
                parseResult.GetValue(format) == "json",
                parseResult.GetValue(output),
                !parseResult.GetValue(noItn),
                parseResult.GetValue(hotwords),
                new HotwordOptions { ScorePerToken = parseResult.GetValue(hotwordScore), BeamSize = parseResult.GetValue(beamSize) },
                parseResult.GetValue(noLanguageModel) ? null : new LanguageModelOptions
                {
                    File = parseResult.GetValue(languageModel),
                    Weight = parseResult.GetValue(languageModelWeight),
                    TokenBonus = parseResult.GetValue(languageModelBonus),
                    Languages = parseResult.GetValue(languageModelLanguages) is { Length: > 0 } lmLanguages ? lmLanguages : null,
                },
                parseResult.GetValue(vad)!,
                parseResult.GetValue(channelRoles) is { Length: > 0 } roles ? roles : null,
                parseResult.GetValue(noRules) ? null : RulePackLocation.Resolve(parseResult.GetValue(rules), "--rules"),
                parseResult.GetValue(noRules))
            {
                InterOpThreads = parseResult.GetValue(interOpThreads) ?? 0,
                VadModel = parseResult.GetValue(vadModel),
                Punctuation = parseResult.GetValue(noPunctuation) ? null : parseResult.GetValue(punctuation),
            },
            ct));
        return command;
    }

    /// <summary>
    /// The rules of a command that matches a few texts per recording: every rule on the backtracking engine (each match
    /// still bounded by its timeout). The NonBacktracking engine builds its automaton state by state as texts arrive,
    /// which pays off over many thousands of lines (<c>extract</c>, the host) but not over a batch of transcripts: on 66
    /// generated calls the full pack cost about 0.6 CPU-s with it and 0.2 without, with the same fields.
    /// </summary>
    private static readonly RuleLoadOptions FewTextsRuleOptions = RuleLoadOptions.Default with { AllowNonBacktracking = false };

    private static async Task<int> RunAsync(ParseResult parseResult, TranscribeRequest request, CancellationToken ct)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        using var logging = CliLogging.Create(LogLevel.Information);
        RuleSet? ruleSet;
        try
        {
            ruleSet = request.Rules is { } location ? RuleSet.Load(location.Directory, FewTextsRuleOptions) : null;
        }
        catch (RuleFileException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return 2;
        }

        Transcriber transcriber;
        try
        {
            var options = new TranscriberOptions
            {
                Device = request.Device,
                IntraOpThreads = request.Threads,
                InterOpThreads = request.InterOpThreads,
                Language = request.Language,
                Itn = request.Itn ? ItnOptions.Default : null,
                Hotwords = request.HotwordsPath is { } path ? request.Hotwords with { Phrases = HotwordOptions.Load(path).Phrases } : null,
                LanguageModel = request.LanguageModel,
                Vad = VadOptions.Default with { Method = request.Vad, ModelPath = request.VadModel },
                Punctuation = request.Punctuation is { } punc ? new PunctuationOptions { ModelDirectory = punc } : null,
                ChannelRoles = request.ChannelRoles,
            };
            transcriber = Transcriber.Create(request.Model is null ? options : options with { ModelDirectory = request.Model },
                logging.CreateLogger<Transcriber>());
        }
        catch (Exception e) when (e is ModelLoadException or OnnxRuntimeException or ArgumentException or HotwordFileException or FileNotFoundException)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return 2;
        }

        await stderr.WriteLineAsync(RulePackLine(request, ruleSet));
        var extraction = new TranscriptExtraction(ruleSet is null ? null : new Extractor(ruleSet));
        using (transcriber)
        {
            if (request.OutDirectory is { } outDirectory)
            {
                Directory.CreateDirectory(outDirectory);
            }

            var failures = 0;
            await WithProgressAsync(request.Files, async (file, advance) =>
            {
                try
                {
                    var metadata = SidecarFile.Find(file) is { } sidecar ? SidecarFile.Parse(await File.ReadAllTextAsync(sidecar, ct), sidecar) : RecordingMetadata.None;
                    var transcript = await transcriber.TranscribeFileAsync(file, metadata.ChannelRoles, ct);
                    await WriteAsync(stdout, request, file, DocumentOf(file, metadata, extraction.Extract(transcript), ruleSet?.Version ?? ""));
                }
                catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException or FormatException)
                {
                    failures++;
                    await stderr.WriteLineAsync(e is AudioFormatException ? $"error: {e.Message}" : $"error: {file}: {e.Message}");
                }

                advance();
            });
            return failures == 0 ? 0 : 1;
        }
    }

    /// <summary>The one stderr line saying which rule pack runs, so an empty <c>fields</c> is never a mystery.</summary>
    private static string RulePackLine(TranscribeRequest request, RuleSet? rules) =>
        (request.Rules, rules) switch
        {
            ({ } location, { } loaded) => $"rules: {location.Directory} ({location.Origin}, {loaded.Rules.Count} rules, version {loaded.Version})",
            _ when request.NoRules => "rules: none (--no-rules)",
            _ => $"rules: none (no --rules, no {RulePackLocation.EnvironmentVariable}, no bundled rules/ beside the application): fields, tags and alerts stay empty",
        };

    /// <summary>The recording's document, named as the host names it (<see cref="RecordingJson"/>).</summary>
    private static RecordingDocument DocumentOf(string file, RecordingMetadata metadata, TranscriptFindings findings, string rulePackVersion) => new()
    {
        RecordingId = RecordingIdentity.Of(file, metadata.CallId),
        SourcePath = Path.GetFullPath(file),
        Metadata = metadata,
        Transcript = findings.Transcript,
        Fields = findings.Fields,
        Tags = findings.Tags,
        Alerts = findings.Alerts,
        ModelId = findings.Transcript.ModelId,
        RulePackVersion = rulePackVersion,
        Metrics = findings.Metrics,
        ProcessedAt = DateTimeOffset.UtcNow,
    };

    private static async Task WriteAsync(TextWriter stdout, TranscribeRequest request, string file, RecordingDocument document)
    {
        var transcript = document.Transcript;
        var json = RecordingJson.Serialize(document);
        if (request.OutDirectory is { } outDirectory)
        {
            await File.WriteAllTextAsync(Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(file) + ".json"), json);
        }

        if (request.Json)
        {
            await stdout.WriteLineAsync(json);
            return;
        }

        await stdout.WriteLineAsync($"{file} ({transcript.Duration.TotalSeconds:F1} s, {transcript.Channels} ch, {transcript.Language}, {transcript.Device})");
        foreach (var segment in transcript.Segments)
        {
            await stdout.WriteLineAsync($"  [{segment.Start:mm\\:ss\\.ff}-{segment.End:mm\\:ss\\.ff}] {segment.Speaker ?? "ch" + segment.Channel}: {segment.Text}");
        }

        if (transcript.Metrics is { } metrics)
        {
            await stdout.WriteLineAsync($"  {metrics}; longest silence {metrics.LongestSilence.TotalSeconds:F1} s ({transcript.VadMethod})");
        }

        foreach (var field in document.Fields)
        {
            var at = field.StartTime is { } start ? $" [{start:mm\\:ss\\.ff}-{field.EndTime:mm\\:ss\\.ff}]" : "";
            await stdout.WriteLineAsync($"  field {field.Name}={field.ValueText}{at}{(field.Speaker ?? (field.Channel is { } ch ? "ch" + ch : null)) switch { null => "", var who => " " + who }}");
        }

        foreach (var alert in document.Alerts)
        {
            await stdout.WriteLineAsync($"  alert {alert.Severity} {alert.RuleId}: {alert.Message}");
        }

        if (document.Tags.Count > 0)
        {
            await stdout.WriteLineAsync($"  tags {string.Join(", ", document.Tags)}");
        }
    }

    /// <summary>Runs <paramref name="each"/> per file with a progress bar on stderr when it is a terminal, silently otherwise.</summary>
    private static async Task WithProgressAsync(IReadOnlyList<string> files, Func<string, Action, Task> each)
    {
        if (Console.IsErrorRedirected || files.Count < 2)
        {
            foreach (var file in files)
            {
                await each(file, () => { });
            }

            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("Transcribing", maxValue: files.Count);
            foreach (var file in files)
            {
                task.Description = Path.GetFileName(file);
                await each(file, () => task.Increment(1));
            }
        });
    }

    private sealed record TranscribeRequest(
        IReadOnlyList<string> Files, string? Model, string Device, int Threads, string Language, bool Json, string? OutDirectory, bool Itn,
        string? HotwordsPath, HotwordOptions Hotwords, LanguageModelOptions? LanguageModel, string Vad, IReadOnlyList<string>? ChannelRoles,
        RulePackLocation? Rules, bool NoRules)
    {
        /// <summary>ONNX Runtime inter-op threads of <c>--inter-op-threads</c>.</summary>
        public int InterOpThreads { get; init; }

        /// <summary>The FSMN-VAD folder (or silero file) of <c>--vad-model</c>.</summary>
        public string? VadModel { get; init; }

        /// <summary>The punctuation model folder of <c>--punc</c>, null with <c>--no-punc</c>.</summary>
        public string? Punctuation { get; init; }
    }
}
