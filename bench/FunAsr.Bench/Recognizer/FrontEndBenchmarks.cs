using BenchmarkDotNet.Attributes;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Features;

namespace FunAsr.Bench.Recognizer;

/// <summary>
/// The recognizer front end on one recording, single thread: WAV decode + resample to 16 kHz + Kaldi fbank + LFR/CMVN,
/// and each stage alone. The recording is named by FUNASR_BENCH_WAV; bench/run-frontend.sh makes a 60 s 8 kHz speech
/// clip, runs this, runs the torchaudio peer on the same file and prints seconds of audio per second for both.
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class FrontEndBenchmarks
{
    /// <summary>Environment variable naming the recording to process.</summary>
    public const string RecordingVariable = "FUNASR_BENCH_WAV";

    private readonly FbankExtractor _fbank = new();
    private readonly Lfr _lfr = new();
    private string _path = "";
    private Cmvn _cmvn = null!;
    private float[] _samples16k = [];
    private float[] _features = [];

    [GlobalSetup]
    public void Setup()
    {
        _path = Environment.GetEnvironmentVariable(RecordingVariable) is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"Set {RecordingVariable} to a WAV file; bench/run-frontend.sh makes a 60 s 8 kHz one.");
        _cmvn = Cmvn.LoadAmMvn(BenchPaths.Of("tests", "testdata", "features", "made-up.am.mvn"));
        _samples16k = AudioFile.Load(_path).Channel(0).ToArray();
        _features = _fbank.Compute(_samples16k);
        Console.WriteLine($"// Recording {_path}: {_samples16k.Length / 16000.0:F1} s at 16 kHz after resampling.");
    }

    [Benchmark(Baseline = true, Description = "decode+resample+fbank+lfr+cmvn")]
    public int FrontEnd()
    {
        var clip = AudioFile.Load(_path);
        var stacked = _lfr.Apply(_fbank.Compute(clip.Channel(0).Span), _fbank.MelBins);
        _cmvn.ApplyInPlace(stacked);
        return stacked.Length;
    }

    [Benchmark(Description = "decode+resample")]
    public int DecodeAndResample() => AudioFile.Load(_path).FrameCount;

    [Benchmark(Description = "fbank")]
    public int Fbank() => _fbank.Compute(_samples16k).Length;

    [Benchmark(Description = "lfr+cmvn")]
    public int LfrAndCmvn()
    {
        var stacked = _lfr.Apply(_features, _fbank.MelBins);
        _cmvn.ApplyInPlace(stacked);
        return stacked.Length;
    }
}
