using BenchmarkDotNet.Attributes;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Bench.Recognizer;

/// <summary>
/// CTC decoding alone, single thread, on the demo model's real logits for the hotword evaluation set
/// (tools/hotwords/make_eval_set.py; FUNASR_BENCH_WAV_DIR names another folder of WAVs): greedy, prefix beam search
/// without bias, with the evaluation hotword list (beam 32), with the demo model's 4-gram language model (lm.arpa, at
/// the default beam and weights), and with both as <c>transcribe --hotwords</c> decodes them; beside the model's own Run
/// over the same clips (one thread), which the decoders' cost is measured against. The logits are computed once in
/// setup; each benchmark decodes all clips.
/// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*DecodingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class DecodingBenchmarks
{
    private readonly List<float[]> _logits = [];
    private readonly List<FeatureBatch> _features = [];
    private IAcousticModel _model = null!;
    private int _vocabSize;
    private GreedyCtcDecoder _greedy = null!;
    private PrefixBeamCtcDecoder _beam = null!;
    private PrefixBeamCtcDecoder _biased = null!;
    private PrefixBeamCtcDecoder _fused = null!;
    private PrefixBeamCtcDecoder _fusedBiased = null!;

    [GlobalSetup]
    public void Setup()
    {
        var directory = Environment.GetEnvironmentVariable("FUNASR_BENCH_WAV_DIR") is { Length: > 0 } d ? d : BenchPaths.Of("tools", "hotwords", "work", "wav");
        var wavs = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.wav").Order().Take(60).ToArray() : [];
        if (wavs.Length == 0)
        {
            throw new InvalidOperationException($"No WAV files in {directory}: run /usr/bin/python3 tools/hotwords/make_eval_set.py or set FUNASR_BENCH_WAV_DIR.");
        }

        var files = ModelFiles.Find(BenchPaths.Of("models", "demo-callcentre"));
        var tokens = TokenTable.Load(files.TokensPath);
        var model = _model = ModelCatalog.Open(files, tokens, OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), NullLogger.Instance);
        var info = model.Info;
        var fbank = new FbankExtractor(FbankOptions.Default with { MelBins = info.MelBins });
        var lfr = new Lfr(info.LfrWindowSize, info.LfrWindowShift);
        var seconds = 0.0;
        foreach (var wav in wavs)
        {
            var clip = AudioFile.Load(wav);
            seconds += clip.Duration.TotalSeconds;
            var features = lfr.Apply(fbank.Compute(clip.Channel(0).Span), fbank.MelBins);
            info.Cmvn.ApplyInPlace(features);
            var frames = features.Length / info.FeatureDim;
            var batch = new FeatureBatch(features, [frames], [info.LanguageIds["auto"]], [info.WithoutItnId], frames, info.FeatureDim);
            _features.Add(batch);
            var logits = model.Run(batch);
            _logits.Add(logits.Item(0).ToArray());
            _vocabSize = logits.VocabSize;
        }

        var skipped = new List<string>();
        var graph = ContextGraph.FromHotwords(HotwordOptions.Load(BenchPaths.Of("tools", "hotwords", "eval-hotwords.txt")), tokens, skipped);
        _greedy = new GreedyCtcDecoder(info.BlankId);
        _beam = new PrefixBeamCtcDecoder(HotwordOptions.DefaultBeamSize, null, info.BlankId);
        _biased = new PrefixBeamCtcDecoder(HotwordOptions.DefaultBeamSize, graph, info.BlankId);
        var lm = NgramLanguageModel.Load(Path.Combine(files.Directory, LanguageModelOptions.BundledFileName), tokens);
        var fusion = new LanguageModelFusion(lm, LanguageModelOptions.Default, new Dictionary<string, int>());
        _fused = new PrefixBeamCtcDecoder(LanguageModelOptions.Default.BeamSize, null, info.BlankId, fusion);
        _fusedBiased = new PrefixBeamCtcDecoder(Math.Max(HotwordOptions.DefaultBeamSize, LanguageModelOptions.Default.BeamSize), graph, info.BlankId, fusion);
        Console.WriteLine($"// {wavs.Length} clips, {seconds:F1} s of audio, {_logits.Sum(l => l.Length / _vocabSize)} frames of {_vocabSize} classes; {graph.PhraseCount} hotwords ({skipped.Count} skipped).");
    }

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();

    [Benchmark(Description = "model Run, 1 thread")]
    public int ModelRun()
    {
        var frames = 0;
        foreach (var batch in _features)
        {
            frames += _model.Run(batch).Frames;
        }

        return frames;
    }

    [Benchmark(Baseline = true, Description = "greedy")]
    public int Greedy() => Decode(_greedy);

    [Benchmark(Description = "prefix beam, no hotwords")]
    public int Beam() => Decode(_beam);

    [Benchmark(Description = "prefix beam + 18 hotwords")]
    public int Biased() => Decode(_biased);

    [Benchmark(Description = "prefix beam 16 + 4-gram LM")]
    public int Fused() => Decode(_fused);

    [Benchmark(Description = "prefix beam 32 + 4-gram LM + 18 hotwords")]
    public int FusedBiased() => Decode(_fusedBiased);

    private int Decode(ICtcDecoder decoder)
    {
        var tokens = 0;
        foreach (var logits in _logits)
        {
            tokens += decoder.Decode(logits, _vocabSize).Count;
        }

        return tokens;
    }
}
