using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Recognition;
using FunAsr.Recognizer.Segmentation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Recognizer;

/// <summary>
/// Recordings in, transcripts out. Each channel is cut into segments (voice activity detection, or quiet-point chunks
/// without it), turned into the model's features, recognised in batches on the chosen device (greedy or beam CTC with
/// hotwords and a language model, Paraformer, or the Fun-ASR-Nano LLM), punctuated and inverse-normalized as
/// configured. Thread-safe; create one and reuse it.
/// </summary>
public sealed class Transcriber : IDisposable
{
    private readonly TranscriberOptions _options;
    private readonly ModelSet _models;
    private readonly DecoderFactory _decoders;
    private readonly Features.FeaturePipeline _features;
    private readonly TranscriptAssembler _assembler;

    private Transcriber(TranscriberOptions options, ModelSet models, DecoderFactory decoders)
    {
        _options = options;
        _models = models;
        _decoders = decoders;
        _features = models.Info.CreateFeaturePipeline();
        _assembler = new TranscriptAssembler(models, options.Language, VadMethod);
    }

    /// <summary>The model directory name, e.g. <c>demo-callcentre</c>.</summary>
    public string ModelId => _models.Info.ModelId;

    /// <summary>The model file that runs (for the Fun-ASR-Nano LLM, its LLM file).</summary>
    public string ModelPath => _models.Info.ModelPath;

    /// <summary>The sample rate the model takes; <see cref="AudioFile.Load"/> with it resamples.</summary>
    public int SampleRateHz => _models.Info.SampleRateHz;

    /// <summary>The device that runs the model: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Device => _models.Device;

    /// <summary>Batches that failed on the GPU and were re-run on CPU since creation.</summary>
    public int CpuFallbacks => _models.CpuFallbacks;

    /// <summary>The ARPA file fused into decoding, or null when decoding without a language model.</summary>
    public string? LanguageModelPath => _models.LanguageModel?.Model.Path;

    /// <summary>What segments the recordings: <c>silero-v4</c>, <c>silero-v5</c>, <c>energy</c>, <c>fsmn</c> or <c>off</c>.</summary>
    public string VadMethod => _models.Vad?.Method ?? "off";

    /// <summary>
    /// Hotwords of <see cref="TranscriberOptions.Hotwords"/> left out because the model has no token for part of them,
    /// each as <c>origin: 'phrase' skipped: reason</c> (also logged as warnings). Empty without hotwords.
    /// Phrases skipped from a <see cref="TranscriptionRequest.Hotwords"/> list are logged when the list is first used.
    /// </summary>
    public IReadOnlyList<string> SkippedHotwords => _decoders.SkippedHotwords;

    internal ModelInfo Model => _models.Info;

    internal DecoderFactory Decoders => _decoders;

    internal TranscriptAssembler Assembler => _assembler;

    /// <summary>Loads the model and the native runtime.</summary>
    /// <exception cref="ModelLoadException">The model directory, file, inputs, metadata or tokens are wrong.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime is missing or too old, cannot load the model, or an explicit CUDA device is unavailable.</exception>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static Transcriber Create(TranscriberOptions options) => Create(options, NullLogger.Instance);

    /// <summary>Loads the model and the native runtime, logging the device choice to <paramref name="logger"/>.</summary>
    /// <inheritdoc cref="Create(TranscriberOptions)"/>
    public static Transcriber Create(TranscriberOptions options, ILogger logger) => Create(options, logger, OrtDeviceSession.Open);

    /// <summary>As <see cref="Create(TranscriberOptions, ILogger)"/>, opening the acoustic model with <paramref name="openSession"/>.</summary>
    internal static Transcriber Create(TranscriberOptions options, ILogger logger, SessionOpener openSession)
    {
        options.Validate();
        var models = ModelSet.Load(options, logger, openSession);
        try
        {
            return new Transcriber(options, models, new DecoderFactory(models, options, logger));
        }
        catch
        {
            models.Dispose();
            throw;
        }
    }

    /// <summary>Transcribes one recording (at <see cref="SampleRateHz"/>; <see cref="AudioFile.Load"/> resamples).</summary>
    public Task<Transcript> TranscribeAsync(AudioClip clip, CancellationToken ct = default) => TranscribeAsync(clip, new TranscriptionRequest(), ct);

    /// <summary>Transcribes one recording with the given speaker of each channel (see <see cref="TranscribeFileAsync(string, TranscriptionRequest, CancellationToken)"/>).</summary>
    public Task<Transcript> TranscribeAsync(AudioClip clip, IReadOnlyList<string>? channelRoles, CancellationToken ct = default) =>
        TranscribeAsync(clip, new TranscriptionRequest { ChannelRoles = channelRoles }, ct);

    /// <summary>Transcribes one recording with its own channel roles and hotwords (see <see cref="TranscriptionRequest"/>).</summary>
    public Task<Transcript> TranscribeAsync(AudioClip clip, TranscriptionRequest request, CancellationToken ct = default) =>
        Task.Run(() => Transcribe([clip], request, ct)[0], ct);

    /// <summary>Transcribes several recordings, batching their segments together; results are in input order.</summary>
    public Task<IReadOnlyList<Transcript>> TranscribeBatchAsync(IReadOnlyList<AudioClip> clips, CancellationToken ct = default) =>
        Task.Run(() => Transcribe(clips, null, ct), ct);

    /// <inheritdoc cref="TranscribeFileAsync(string, TranscriptionRequest, CancellationToken)"/>
    /// <param name="path">WAV or anything ffmpeg decodes.</param>
    /// <param name="channelRoles">Speaker of each channel (e.g. from sidecar metadata); null uses
    /// <see cref="TranscriberOptions.ChannelRoles"/>, then <see cref="ChannelRoles.Default"/>.</param>
    /// <param name="ct">Cancels between blocks and model runs.</param>
    public Task<Transcript> TranscribeFileAsync(string path, IReadOnlyList<string>? channelRoles = null, CancellationToken ct = default) =>
        TranscribeFileAsync(path, new TranscriptionRequest { ChannelRoles = channelRoles }, ct);

    /// <summary>
    /// Transcribes a recording file as it is read: decode → resample → voice activity detection per channel → batches
    /// of speech segments to the model. Only the pending segments' audio and features are held, so peak memory does
    /// not grow with the recording's length. Segments carry the speaker of their channel, and the transcript carries
    /// turns and call metrics. With <see cref="VadOptions.Method"/> <c>off</c> the whole file is loaded instead.
    /// </summary>
    /// <param name="path">WAV or anything ffmpeg decodes.</param>
    /// <param name="request">This recording's channel roles and hotwords (which extend the deployment's).</param>
    /// <param name="ct">Cancels between blocks and model runs.</param>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    public Task<Transcript> TranscribeFileAsync(string path, TranscriptionRequest request, CancellationToken ct = default) => Task.Run(() =>
    {
        if (_models.Vad is null)
        {
            AudioClip clip;
            using (RecognizerTracing.Source.StartActivity("decode"))
                clip = AudioFile.Load(path, SampleRateHz);
            return Transcribe([clip], request, ct)[0];
        }

        AudioStream stream;
        using (RecognizerTracing.Source.StartActivity("decode"))
            stream = AudioStream.Open(path, SampleRateHz);
        using (stream)
            return TranscribeStream(stream.SourcePath, stream.ChannelCount, stream.Read, request, ct);
    }, ct);

    /// <summary>Releases the model sessions.</summary>
    public void Dispose() => _models.Dispose();

    private IReadOnlyList<Transcript> Transcribe(IReadOnlyList<AudioClip> clips, TranscriptionRequest? request, CancellationToken ct)
    {
        foreach (var clip in clips.Where(c => c.SampleRateHz != SampleRateHz))
        {
            throw new ArgumentException(
                $"{clip.SourcePath ?? "The clip"} is at {clip.SampleRateHz} Hz; the model needs {SampleRateHz} Hz (AudioFile.Load resamples by default).", nameof(clips));
        }

        if (_models.Vad is not null)
        {
            return clips.Select(clip => TranscribeStream(clip.SourcePath, clip.ChannelCount, new ClipReader(clip).Read, request, ct)).ToArray();
        }

        var pieces = ChunkPlanner.Pieces(clips, _options.MaxSegmentDuration).ToArray();
        var segments = Recognize(pieces, _decoders.For(request?.Hotwords), ct).ToLookup(s => s.Clip, s => s.Segment);
        return clips.Select((clip, i) => _assembler.Transcript(clip.SourcePath, clip.Duration, clip.ChannelCount, segments[i].ToArray(),
            ChannelRoles.For(clip.ChannelCount, request?.ChannelRoles ?? _options.ChannelRoles), metrics: null)).ToArray();
    }

    private Transcript TranscribeStream(string? sourcePath, int channelCount, Func<float[][], int, int> read, TranscriptionRequest? request, CancellationToken ct)
    {
        var roles = ChannelRoles.For(channelCount, request?.ChannelRoles ?? _options.ChannelRoles);
        var recognizer = _decoders.For(request?.Hotwords);
        using var vad = _models.Vad!.Open(channelCount);
        var planner = new VadSegmentPlanner(vad, 4 * _options.BatchSize);
        var segments = planner.Batches(channelCount, read, ct).SelectMany(batch => Recognize(batch, recognizer, ct)).Select(s => s.Segment).ToArray();
        return _assembler.Transcript(sourcePath, planner.Duration, channelCount, segments, roles, CallMetrics.Compute(planner.Duration, roles, planner.Speech, segments));
    }

    /// <summary>The segments with text of <paramref name="pieces"/>, in piece order; pieces shorter than a feature frame are skipped.</summary>
    private IEnumerable<(int Clip, TranscriptSegment Segment)> Recognize(IReadOnlyList<SpeechPiece> pieces, ISegmentRecognizer recognizer, CancellationToken ct)
    {
        var features = pieces.Select(p => { ct.ThrowIfCancellationRequested(); return _features.Compute(p.Samples.Span); }).ToArray();
        var kept = Enumerable.Range(0, pieces.Count).Where(i => features[i].Length > 0).ToArray();
        var decoded = recognizer.Recognize(kept.Select(i => features[i]).ToArray(), ct);
        return kept.Select((piece, k) => (Piece: pieces[piece], Utterance: decoded[k]))
            .Where(p => p.Utterance.Tokens.Count > 0)
            .Select(p => (p.Piece.Clip, _assembler.Segment(p.Utterance, p.Piece.Channel, p.Piece.StartSample, p.Piece.Samples.Length)))
            .ToArray();
    }
}
