using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Calls;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Features;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.Paraformer;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Recognizer;

/// <summary>
/// Recordings in, transcripts out: each channel is cut into segments (see <see cref="TranscriptSegment"/>), turned into
/// fbank → LFR → CMVN features, batched through the acoustic model on the chosen device, decoded with greedy CTC (with
/// <see cref="TranscriberOptions.Hotwords"/> or a <see cref="TranscriberOptions.LanguageModel"/>, a prefix beam search)
/// or, for Paraformer, greedily over its CIF tokens; punctuated when <see cref="TranscriberOptions.Punctuation"/> is set
/// and, when <see cref="TranscriberOptions.Itn"/> is set, inverse-normalized. Thread-safe; create one and reuse it.
/// </summary>
public sealed partial class Transcriber : IDisposable
{
    private const int SampleRateHz = 16000;
    private readonly TranscriberOptions _options;
    private readonly IAcousticModel? _model;
    private readonly UtteranceDecoder? _decoder;
    private readonly int _languageId;
    private readonly InverseNormalizer? _normalizer;
    private readonly FbankExtractor _fbank;
    private readonly Lfr _lfr;

    private Transcriber(TranscriberOptions options, IAcousticModel model, UtteranceDecoder decoder, int languageId, InverseNormalizer? normalizer)
    {
        _options = options;
        _model = model;
        _decoder = decoder;
        _languageId = languageId;
        _normalizer = normalizer;
        Model = model.Info;
        _fbank = CreateFbank(model.Info);
        _lfr = new Lfr(model.Info.LfrWindowSize, model.Info.LfrWindowShift, model.Info.LfrPadEdges);
    }

    /// <summary>The model directory name, e.g. <c>demo-callcentre</c>.</summary>
    public string ModelId => Model.ModelId;

    /// <summary>The device that runs the model: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Device => _model?.Device ?? _nano!.Device;

    /// <summary>Batches that failed on the GPU and were re-run on CPU since creation.</summary>
    public int CpuFallbacks => _model?.CpuFallbacks ?? _nano!.CpuFallbacks;

    /// <summary>The loaded model's settings.</summary>
    public ModelInfo Model { get; }

    /// <summary>Loads the model and the native runtime.</summary>
    /// <exception cref="ModelLoadException">The model directory, file, inputs, metadata or tokens are wrong.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime is missing or too old, cannot load the model, or an explicit CUDA device is unavailable.</exception>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static Transcriber Create(TranscriberOptions options) => Create(options, NullLogger.Instance);

    /// <summary>Loads the model and the native runtime, logging the device choice to <paramref name="logger"/>.</summary>
    /// <inheritdoc cref="Create(TranscriberOptions)"/>
    public static Transcriber Create(TranscriberOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, $"{nameof(TranscriberOptions)}.{nameof(options.BatchSize)}");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchFrames, 1, $"{nameof(TranscriberOptions)}.{nameof(options.MaxBatchFrames)}");
        if (options.MaxSegmentDuration < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"{nameof(TranscriberOptions)}.{nameof(options.MaxSegmentDuration)} must be at least 1 s; got {options.MaxSegmentDuration}.", nameof(options));
        }

        var device = OrtDevice.Parse(options.Device);
        var settings = new OrtSessionSettings(device, options.IntraOpThreads, options.InterOpThreads, GpuMemoryLimitBytes: options.GpuMemoryLimitBytes,
            TensorRtCacheDirectory: options.TensorRtCacheDirectory);
        if (NanoLlmFiles.IsNanoLlmFolder(options.ModelDirectory))
        {
            return CreateNano(options, settings, logger);
        }

        var files = ModelFiles.Find(options.ModelDirectory);
        var tokens = TokenTable.Load(files.TokensPath);
        var runtime = OrtRuntime.Load(options.OrtLibraryPath);
        var model = ModelCatalog.Open(files, tokens, runtime, settings, logger);
        try
        {
            if (!model.Info.LanguageIds.TryGetValue(options.Language.ToLowerInvariant(), out var languageId))
            {
                throw new ArgumentException(
                    $"{nameof(TranscriberOptions)}.{nameof(options.Language)} '{options.Language}' is not known to {files.ModelPath} " +
                    $"(known: {string.Join(", ", model.Info.LanguageIds.Keys)}).", nameof(options));
            }

            if (model.Info.Base64Tokens)
            {
                tokens = tokens.DecodeBase64();
            }

            var paraformer = model as ParaformerModel;
            var languageModel = paraformer is null ? LoadLanguageModel(options.LanguageModel, files, tokens, model.Info, logger) : null;
            var (ctc, skippedHotwords) = paraformer is null
                ? CreateCtcDecoder(options.Hotwords, languageModel, tokens, model.Info.BlankId, logger)
                : (new GreedyCtcDecoder(model.Info.BlankId), CheckModelHotwords(paraformer, options.Hotwords, logger));
            var decoder = new UtteranceDecoder(ctc, tokens, model.Info.PromptFrames, model.Info.FrameShift)
            {
                ModelHotwords = paraformer is null ? [] : PhrasesOf(options.Hotwords),
            };
            var normalizer = options.Itn is { } itn ? InverseNormalizer.Create(itn) : null;
            return new Transcriber(options, model, decoder, languageId, normalizer)
            {
                SkippedHotwords = skippedHotwords, LanguageModel = languageModel, Vad = CreateVad(options, logger), Logger = logger,
                Punctuation = OpenPunctuation(options, logger),
                _plainParaformerHotwordsWarned = paraformer is { Embedder: null } && options.Hotwords is { Phrases.Count: > 0 } ? 1 : 0,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Transcribes one recording (16 kHz; <see cref="AudioClip.Load"/> resamples).</summary>
    public async Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) =>
        (await TranscribeBatchAsync([clip], ct).ConfigureAwait(false))[0];

    /// <summary>Transcribes several recordings, batching their segments together; results are in input order.</summary>
    public Task<IReadOnlyList<Transcript>> TranscribeBatchAsync(IReadOnlyList<AudioClip> clips, CancellationToken ct = default) =>
        Task.Run(() => Transcribe(clips, ct), ct);

    /// <summary>Releases the model session(s).</summary>
    public void Dispose()
    {
        _model?.Dispose();
        _nano?.Dispose();
        Vad?.Dispose();
        Punctuation?.Dispose();
    }

    private IReadOnlyList<Transcript> Transcribe(IReadOnlyList<AudioClip> clips, CancellationToken ct, TranscriptionRequest? request = null)
    {
        if (Vad is not null)
        {
            return clips.Select(clip => TranscribeWithVad(clip, request, ct)).ToArray();
        }

        var pieces = new List<(int Clip, int Channel, int Start, int Length)>();
        var features = new List<float[]>();
        for (var c = 0; c < clips.Count; c++)
        {
            var clip = clips[c];
            if (clip.SampleRateHz != SampleRateHz)
            {
                throw new ArgumentException(
                    $"{clip.SourcePath ?? "The clip"} is at {clip.SampleRateHz} Hz; the model needs {SampleRateHz} Hz (AudioClip.Load resamples by default).",
                    nameof(clips));
            }

            for (var channel = 0; channel < clip.ChannelCount; channel++)
            {
                var samples = clip.Channel(channel).Span;
                foreach (var (start, length) in PlanChunks(samples, SampleRateHz, _options.MaxSegmentDuration))
                {
                    ct.ThrowIfCancellationRequested();
                    var segmentFeatures = ComputeFeatures(samples.Slice(start, length));
                    if (segmentFeatures.Length > 0)
                    {
                        pieces.Add((c, channel, start, length));
                        features.Add(segmentFeatures);
                    }
                }
            }
        }

        var decoded = RecognizerFor(request?.Hotwords, ct)(features);
        var segments = clips.Select(_ => new List<TranscriptSegment>()).ToArray();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (clipIndex, channel, start, length) = pieces[i];
            if (decoded[i].Tokens.Count > 0)
            {
                segments[clipIndex].Add(ToSegment(decoded[i], channel, start, length));
            }
        }

        return clips.Select((clip, i) => ToTranscript(
            clip.SourcePath, clip.Duration, clip.ChannelCount, segments[i], ChannelRoles.For(clip.ChannelCount, request?.ChannelRoles ?? _options.ChannelRoles), metrics: null)).ToArray();
    }

    internal TranscriptSegment ToSegment(DecodedUtterance utterance, int channel, int startSample, int lengthSamples)
    {
        var start = TimeSpan.FromSeconds((double)startSample / SampleRateHz);
        var end = TimeSpan.FromSeconds((double)(startSample + lengthSamples) / SampleRateHz);
        var language = utterance.Language.Length > 0 ? utterance.Language
            : _options.Language.Equals("auto", StringComparison.OrdinalIgnoreCase) ? "" : _options.Language;
        var punctuated = Punctuate(utterance.Text);
        var tokens = utterance.Tokens.Select(t => new TranscriptToken(t.Text, start + t.Start, punctuated.Offsets[t.RawOffset])).ToArray();
        // The LLM writes the form its prompt asked for; our ITN would normalise it twice.
        var itn = _nano is null ? Normalize(punctuated.Text, language) : new ItnResult(punctuated.Text, punctuated.Text, []);
        return new TranscriptSegment(start, end, channel, null, language, itn.Written, punctuated.Text, tokens, itn.Spans)
        {
            Emotion = utterance.Emotion,
            Event = utterance.Event,
            Timestamps = _nano is null ? null : TranscriptSegment.ApproximateTimestamps,
        };
    }

    private Transcript ToTranscript(
        string? sourcePath, TimeSpan duration, int channelCount, List<TranscriptSegment> segments, IReadOnlyList<string> speakers, CallMetrics? metrics)
    {
        var ordered = segments.OrderBy(s => s.Start).ThenBy(s => s.Channel).Select(s => s with { Speaker = speakers[s.Channel] }).ToArray();
        var language = ordered
            .GroupBy(s => s.Language)
            .OrderByDescending(g => g.Sum(s => s.RawText.Length))
            .Select(g => g.Key)
            .FirstOrDefault() ?? "";
        return new Transcript(
            sourcePath,
            duration,
            channelCount,
            language,
            ordered,
            string.Join("\n", ordered.Select(s => s.Text)),
            string.Join("\n", ordered.Select(s => s.RawText)),
            Device,
            ModelId)
        {
            Turns = SpeakerTurn.Merge(ordered),
            Metrics = metrics,
            VadMethod = VadMethod,
        };
    }
}
