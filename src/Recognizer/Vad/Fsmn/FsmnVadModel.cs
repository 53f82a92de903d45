using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Vad.Fsmn;

/// <summary>
/// FunASR's FSMN-VAD ONNX export (../shared/spec/funasr-family.md §5): <c>speech</c> float [1,T,400] (fbank 80, LFR 5/1,
/// CMVN from <c>am.mvn</c>) and <c>in_cache0…3</c> [1,128,19,1] → <c>logits</c> [1,T,248] (softmax; pdf 0 is silence)
/// and <c>out_cache0…3</c>, fed back so a recording streams through block by block. End-pointing settings come from
/// <c>config.yaml</c>. Runs on the CPU with one thread (the network is small; calls run in parallel).
/// </summary>
internal sealed class FsmnVadModel : IDisposable
{
    public const int Dimension = 400;
    private const int CacheCount = 4;
    private const int OutputPdfs = 248;
    private static readonly string[] s_modelNames = ["model.onnx", "model_quant.onnx"];
    private static readonly string[] s_outputNames = ["logits", .. Enumerable.Range(0, CacheCount).Select(i => $"out_cache{i}")];

    private FsmnVadModel(OrtSession session, Cmvn cmvn, long[] cacheShape, FsmnEndpointSettings settings)
    {
        Session = session;
        Cmvn = cmvn;
        CacheShape = cacheShape;
        Settings = settings;
    }

    public OrtSession Session { get; }

    public Cmvn Cmvn { get; }

    /// <summary>[1, proj_dim, (lorder − 1)·lstride, 1]: [1,128,19,1] for FunASR's models.</summary>
    public long[] CacheShape { get; }

    public FsmnEndpointSettings Settings { get; }

    public int CacheLength => (int)(CacheShape[1] * CacheShape[2]);

    /// <summary>Opens the FSMN-VAD folder <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">A file is missing, or the inputs, cache shapes, am.mvn or config.yaml are wrong; names the file and key.</exception>
    public static FsmnVadModel Open(string directory, string? ortLibraryPath, int threads = 1)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new ModelLoadException(full, "FSMN-VAD model directory does not exist (--vad-model DIR, vad.model_path).");
        }

        var path = s_modelNames.Select(n => Path.Combine(full, n)).FirstOrDefault(File.Exists)
            ?? throw new ModelLoadException(full, $"no FSMN-VAD model file (looked for {string.Join(", ", s_modelNames)}).");
        var amMvn = Path.Combine(full, "am.mvn");
        if (!File.Exists(amMvn))
        {
            throw new ModelLoadException(full, "an FSMN-VAD folder needs am.mvn (its CMVN statistics) beside the model file.");
        }

        Cmvn cmvn;
        try
        {
            cmvn = Cmvn.LoadAmMvn(amMvn);
        }
        catch (CmvnFormatException e)
        {
            throw new ModelLoadException(amMvn, $"invalid CMVN statistics: {e.Message}", inner: e);
        }

        if (cmvn.Dimension != Dimension)
        {
            throw new ModelLoadException(amMvn, $"has {cmvn.Dimension} values per component; FSMN-VAD needs {Dimension} (80 mel × LFR 5).");
        }

        var config = FunAsrConfig.Find(full);
        var settings = FsmnEndpointSettings.From(config);
        var cacheShape = new long[]
        {
            1, config?.Integer("encoder_conf", "proj_dim", 128) ?? 128,
            ((config?.Integer("encoder_conf", "lorder", 20) ?? 20) - 1) * (config?.Integer("encoder_conf", "lstride", 1) ?? 1), 1,
        };
        var runtime = OrtRuntime.Load(ortLibraryPath);
        using var options = new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: threads, InterOpThreads: 1).CreateOptions(OrtDevice.Cpu);
        var session = OrtSession.Create(runtime, path, options);
        try
        {
            Validate(path, session, cacheShape);
            return new FsmnVadModel(session, cmvn, cacheShape, settings);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => Session.Dispose();

    private static void Validate(string path, OrtSession session, long[] cacheShape)
    {
        var inputs = session.Inputs;
        var expected = new[] { "speech" }.Concat(Enumerable.Range(0, CacheCount).Select(i => $"in_cache{i}")).ToArray();
        if (!inputs.Select(i => i.Name).SequenceEqual(expected) || !s_outputNames.All(o => session.Outputs.Any(n => n.Name == o)))
        {
            throw new ModelLoadException(path,
                $"inputs are ({string.Join(", ", inputs)}) and outputs ({string.Join(", ", session.Outputs)}); FSMN-VAD needs inputs " +
                $"({string.Join(", ", expected)}) and outputs (logits, out_cache0…3).");
        }

        if (inputs[0].Shape is not { Count: 3 } speech || speech[2] != Dimension)
        {
            throw new ModelLoadException(path, $"input {inputs[0]} should be float[1,T,{Dimension}] (fbank 80 × LFR 5).");
        }

        foreach (var cache in inputs.Skip(1))
        {
            if (!cache.Shape.SequenceEqual(cacheShape))
            {
                throw new ModelLoadException(path,
                    $"input {cache} does not have the cache shape [{string.Join(",", cacheShape)}] (encoder_conf proj_dim, (lorder − 1) × lstride in config.yaml; FunASR's models use [1,128,19,1]).");
            }
        }

        if (session.Outputs[0].Shape is { Count: 3 } logits && logits[2] > 0 && logits[2] != OutputPdfs)
        {
            throw new ModelLoadException(path, $"output {session.Outputs[0]} should score {OutputPdfs} pdfs.");
        }
    }

    /// <summary>Runs one block of <paramref name="frames"/> feature rows, reading and replacing <paramref name="caches"/>;
    /// writes each frame's silence probability.</summary>
    public void Run(float[] features, int frames, float[][] caches, Span<float> silence)
    {
        var memory = OrtMemoryInfo.DefaultInstance;
        using var speech = OrtValue.CreateTensorValueFromMemory(memory, features.AsMemory(0, frames * Dimension), [1, frames, Dimension]);
        var cacheValues = caches.Select(c => OrtValue.CreateTensorValueFromMemory(memory, c.AsMemory(), CacheShape)).ToArray();
        try
        {
            var inputs = new List<(string, OrtValue)> { ("speech", speech) };
            inputs.AddRange(cacheValues.Select((v, i) => ($"in_cache{i}", v)));
            using var outputs = Session.Run(inputs, s_outputNames);
            var probabilities = outputs[0].GetTensorDataAsSpan<float>();
            var pdfs = probabilities.Length / frames;
            for (var t = 0; t < frames; t++)
            {
                silence[t] = probabilities[t * pdfs];
            }

            for (var i = 0; i < CacheCount; i++)
            {
                outputs[1 + i].GetTensorDataAsSpan<float>().CopyTo(caches[i]);
            }
        }
        finally
        {
            foreach (var value in cacheValues)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>Zeroed caches for a new stream.</summary>
    public float[][] NewCaches() => Enumerable.Range(0, CacheCount).Select(_ => new float[CacheLength]).ToArray();
}
