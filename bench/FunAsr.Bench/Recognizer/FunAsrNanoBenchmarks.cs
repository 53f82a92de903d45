using BenchmarkDotNet.Attributes;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Vad;

namespace FunAsr.Bench.Recognizer;

/// <summary>
/// The tiny Fun-ASR-Nano LLM trio (models/test-nano/funasr-nano-int8) over every WAV in FUNASR_BENCH_WAV_DIR, one
/// thread, files whole: front end + encoder + prefill + decode steps. With <see cref="MaxNewTokens"/> 1 no decode step
/// runs, so (time at 512 − time at 1) / steps is the time of one decode step; bench/funasr-nano/compare-sherpa.sh
/// does the same with sherpa-onnx on the same files.
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class FunAsrNanoBenchmarks
{
    /// <summary>Environment variable naming the folder of 16 kHz WAVs.</summary>
    public const string FolderVariable = "FUNASR_BENCH_WAV_DIR";

    private Transcriber _transcriber = null!;
    private AudioClip[] _clips = [];

    [Params(1, 512)]
    public int MaxNewTokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } dir && Directory.Exists(dir)
            ? dir
            : throw new InvalidOperationException($"Set {FolderVariable} to a folder of 16 kHz WAVs; bench/funasr-nano/compare-sherpa.sh makes one.");
        _clips = Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).Select(f => AudioClip.Load(f)).ToArray();
        _transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = BenchPaths.Of("models", "test-nano", "funasr-nano-int8"),
            Device = "cpu",
            IntraOpThreads = 1,
            Vad = VadOptions.Default with { Method = "off" },
            MaxSegmentDuration = TimeSpan.FromMinutes(1),
            Itn = ItnOptions.Default,
            MaxNewTokens = MaxNewTokens,
        });
        var tokens = _clips.Sum(c => _transcriber.TranscribeAsync(c).Result.Segments.Sum(s => s.Tokens.Count));
        Console.WriteLine($"// {_clips.Length} clips, {tokens} tokens written with max_new_tokens {MaxNewTokens}.");
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
}
