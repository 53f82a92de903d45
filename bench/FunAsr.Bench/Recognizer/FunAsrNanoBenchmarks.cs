using BenchmarkDotNet.Attributes;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Vad;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Bench.Recognizer;

/// <summary>
/// The tiny Fun-ASR-Nano LLM trio (models/test-nano/funasr-nano-int8) over every WAV in FUNASR_BENCH_WAV_DIR, one
/// thread, files whole (front end + encoder + prefill + decode steps). The setup also times the decode steps alone,
/// inside the model, over 20 passes, and prints the fastest pass's time per step; bench/funasr-nano/compare-sherpa.sh
/// reads it and times sherpa-onnx on the same files.
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class FunAsrNanoBenchmarks
{
    /// <summary>Environment variable naming the folder of 16 kHz WAVs.</summary>
    public const string FolderVariable = "FUNASR_BENCH_WAV_DIR";

    private static readonly string s_model = BenchPaths.Of("models", "test-nano", "funasr-nano-int8");
    private Transcriber _transcriber = null!;
    private AudioClip[] _clips = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } dir && Directory.Exists(dir)
            ? dir
            : throw new InvalidOperationException($"Set {FolderVariable} to a folder of 16 kHz WAVs; bench/funasr-nano/compare-sherpa.sh makes one.");
        _clips = Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).Select(f => AudioFile.Load(f)).ToArray();
        _transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = s_model,
            Device = "cpu",
            IntraOpThreads = 1,
            Vad = VadOptions.Default with { Method = "off" },
            MaxSegmentDuration = TimeSpan.FromMinutes(1),
            Itn = ItnOptions.Default,
        });
        TimeDecodeSteps();
    }

    [GlobalCleanup]
    public void Cleanup() => _transcriber.Dispose();

    [Benchmark(Description = "all clips, whole files")]
    public int AllClips()
    {
        var characters = 0;
        foreach (var clip in _clips)
        {
            characters += _transcriber.TranscribeAsync(clip).Result.RawText.Length;
        }

        return characters;
    }

    private void TimeDecodeSteps()
    {
        using var model = NanoLlmModel.Open(NanoLlmFiles.Find(s_model), OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), NullLogger.Instance);
        var fbank = new FbankExtractor(model.Info.Fbank);
        var lfr = new Lfr(model.Info.LfrWindowSize, model.Info.LfrWindowShift, model.Info.LfrPadEdges);
        var features = _clips.Select(c => lfr.Apply(fbank.Compute(c.Channel(0).Span), fbank.MelBins)).ToArray();
        var prompt = NanoPrompt.Build(model.Tokenizer, NanoPromptOptions.Default);
        var best = double.MaxValue;
        var steps = 0;
        long allocated = 0;
        for (var pass = 0; pass < 20; pass++)
        {
            var runs = features.Select(f => model.Generate(f, f.Length / model.Info.FeatureDim, prompt, 512, default)).ToArray();
            steps = runs.Sum(r => r.Steps);
            allocated = runs.Sum(r => r.StepAllocatedBytes);
            best = Math.Min(best, runs.Sum(r => r.StepTime.TotalMicroseconds) / steps);
        }

        Console.WriteLine($"// decode step: {best:F2} us over {steps} steps (fastest of 20 passes), {allocated} managed bytes in the steps");
    }
}
