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
/// without bias, with the evaluation hotword list, and with the demo model's 4-gram language model (lm.arpa, at the
/// default beam and weights). The model runs once in setup; each benchmark decodes all clips.
/// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*DecodingBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class DecodingBenchmarks
{
    private readonly List<float[]> _logits = [];
    private int _vocabSize;
    private GreedyCtcDecoder _greedy = null!;
    private PrefixBeamCtcDecoder _beam = null!;
    private PrefixBeamCtcDecoder _biased = null!;
    private PrefixBeamCtcDecoder _fused = null!;

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
        using var model = ModelCatalog.Open(files, tokens, OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), NullLogger.Instance);
        var info = model.Info;
        var fbank = new FbankExtractor(FbankOptions.Default with { MelBins = info.MelBins });
        var lfr = new Lfr(info.LfrWindowSize, info.LfrWindowShift);
        var seconds = 0.0;
        foreach (var wav in wavs)
        {
            var clip = AudioClip.Load(wav);
            seconds += clip.Duration.TotalSeconds;
            var features = lfr.Apply(fbank.Compute(clip.Channel(0).Span), fbank.MelBins);
            info.Cmvn.ApplyInPlace(features);
            var frames = features.Length / info.FeatureDim;
            var logits = model.Run(new FeatureBatch(features, [frames], [info.LanguageIds["auto"]], [info.WithoutItnId], frames, info.FeatureDim));
            _logits.Add(logits.Item(0).ToArray());
            _vocabSize = logits.VocabSize;
        }

        var skipped = new List<string>();
        var graph = ContextGraph.FromHotwords(HotwordOptions.Load(BenchPaths.Of("tools", "hotwords", "eval-hotwords.txt")), tokens, skipped);
        _greedy = new GreedyCtcDecoder(info.BlankId);
        _beam = new PrefixBeamCtcDecoder(HotwordOptions.DefaultBeamSize, null, info.BlankId);
        _biased = new PrefixBeamCtcDecoder(HotwordOptions.DefaultBeamSize, graph, info.BlankId);
        var lm = NgramLanguageModel.Load(Path.Combine(files.Directory, LanguageModelOptions.BundledFileName), tokens);
        _fused = new PrefixBeamCtcDecoder(LanguageModelOptions.Default.BeamSize, null, info.BlankId, new LanguageModelFusion(lm, LanguageModelOptions.Default, new Dictionary<string, int>()));
        Console.WriteLine($"// {wavs.Length} clips, {seconds:F1} s of audio, {_logits.Sum(l => l.Length / _vocabSize)} frames of {_vocabSize} classes; {graph.PhraseCount} hotwords ({skipped.Count} skipped).");
    }

    [Benchmark(Baseline = true, Description = "greedy")]
    public int Greedy() => Decode(_greedy);

    [Benchmark(Description = "prefix beam, no hotwords")]
    public int Beam() => Decode(_beam);

    [Benchmark(Description = "prefix beam + 18 hotwords")]
    public int Biased() => Decode(_biased);

    [Benchmark(Description = "prefix beam 16 + 4-gram LM")]
    public int Fused() => Decode(_fused);

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
