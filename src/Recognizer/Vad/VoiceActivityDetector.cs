using FunAsr.Recognizer.Audio;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Voice activity detection over 16 kHz audio with the settings of <see cref="VadOptions"/>: silero when its model file
/// is found (or required), otherwise the energy detector, said once in the log; or FunASR's FSMN-VAD with its own
/// end-pointing when asked for. Thread-safe; each recording opens its
/// own stream. <see cref="Transcriber"/> segments with one; <see cref="SpeechDetector"/> is its public face.
/// </summary>
internal sealed class VoiceActivityDetector : IDisposable
{
    /// <summary>The rate every detector works at (silero's, FSMN-VAD's front end); input is resampled to it.</summary>
    public const int SampleRateHz = 16000;
    private readonly IDisposable _model;
    private readonly Func<int, ISpeechChunkStream> _open;

    private VoiceActivityDetector(VadOptions options, string method, IDisposable model, Func<int, ISpeechChunkStream> open)
    {
        Options = options;
        Method = method;
        _model = model;
        _open = open;
    }

    /// <summary>The settings in use.</summary>
    public VadOptions Options { get; }

    /// <summary>What detects speech: <c>silero-v4</c>, <c>silero-v5</c>, <c>energy</c> or <c>fsmn</c>.</summary>
    public string Method { get; }

    /// <summary>Creates the detector; <see cref="VadOptions.Method"/> must not be <c>off</c>.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Receives which detector runs (and why the energy fallback, when it is used).</param>
    /// <param name="ortLibraryPath">The native ONNX Runtime; null searches as <see cref="TranscriberOptions.OrtLibraryPath"/> does.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">Method <c>silero</c> and no model file was found.</exception>
    /// <exception cref="ModelLoadException">The silero file is not a silero VAD model.</exception>
    public static VoiceActivityDetector Create(VadOptions options, ILogger logger, string? ortLibraryPath = null)
    {
        options.Validate();
        if (options.Method == "off")
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(VadOptions.Method)} is off; there is no detector to create.");
        }

        if (options.Method == "energy")
        {
            return Scoring(options, new EnergyVadModel(options.EnergyThresholdDb));
        }

        if (options.Method == "fsmn")
        {
            var fsmn = Fsmn.FsmnVadModel.Open(options.ModelPath!, ortLibraryPath, options.Threads);
            logger.LogInformation("Voice activity detection uses FSMN-VAD from {Path}.", options.ModelPath);
            return new VoiceActivityDetector(options, "fsmn", fsmn, channels => new Fsmn.FsmnVadStream(fsmn, channels));
        }

        var path = SileroModelLocator.Locate(options.ModelPath, out var searched);
        if (path is null)
        {
            if (options.Method == "silero")
            {
                throw new FileNotFoundException(
                    $"The silero VAD model ({SileroModelLocator.FileName}) was not found (looked in: {searched}). Restore models/silero-vad/ from the repository, " +
                    $"set {nameof(VadOptions)}.{nameof(VadOptions.ModelPath)} or {SileroModelLocator.EnvironmentVariable}, or use VAD method energy.");
            }

            logger.LogWarning(
                "Voice activity detection uses the energy detector because {File} was not found (looked in: {Searched}); models/silero-vad/ ships it.",
                SileroModelLocator.FileName, searched);
            return Scoring(options, new EnergyVadModel(options.EnergyThresholdDb));
        }

        var model = SileroVadModel.OpenSpecializedIfPresent(path, ortLibraryPath, options.Threads, logger);
        logger.LogInformation("Voice activity detection uses {Method} from {Path}.", model.Name, model.Session.ModelPath);
        return Scoring(options, model);
    }

    /// <summary>The detected speech (without padding) of every channel of a recording, read block by block.</summary>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    public SpeechActivity DetectFile(string path, CancellationToken ct = default)
    {
        using var audio = AudioStream.Open(path, SampleRateHz);
        using var stream = Open(audio.ChannelCount);
        var block = Enumerable.Range(0, audio.ChannelCount).Select(_ => new float[SampleRateHz]).ToArray();
        var speech = new List<SpeechInterval>();
        int frames;
        while ((frames = audio.Read(block, SampleRateHz)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            speech.AddRange(stream.Push(block, frames).Select(c => c.ToInterval()));
        }

        speech.AddRange(stream.Finish().Select(c => c.ToInterval()));
        return new SpeechActivity(audio.SourcePath, TimeSpan.FromSeconds((double)stream.Position / SampleRateHz), audio.ChannelCount,
            speech.OrderBy(s => s.Start).ThenBy(s => s.Channel).ToArray());
    }

    /// <summary>Starts a recording of <paramref name="channels"/> channels.</summary>
    internal ISpeechChunkStream Open(int channels) => _open(channels);

    /// <summary>All speech spans of a 16 kHz clip, per channel.</summary>
    internal IReadOnlyList<SpeechSpan>[] Detect(AudioClip clip)
    {
        if (clip.SampleRateHz != SampleRateHz)
        {
            throw new ArgumentException($"{clip.SourcePath ?? "The clip"} is at {clip.SampleRateHz} Hz; voice activity detection needs {SampleRateHz} Hz.", nameof(clip));
        }

        var spans = Enumerable.Range(0, clip.ChannelCount).Select(_ => new List<SpeechSpan>()).ToArray();
        using var stream = Open(clip.ChannelCount);
        var channels = Enumerable.Range(0, clip.ChannelCount).Select(c => clip.Channel(c).ToArray()).ToArray();
        foreach (var chunk in stream.Push(channels, clip.FrameCount).Concat(stream.Finish()))
        {
            spans[chunk.Channel].Add(chunk.Span);
        }

        return spans;
    }

    private static VoiceActivityDetector Scoring(VadOptions options, ISpeechProbabilityModel model) =>
        new(options, model.Name, model, channels => new VadStream(model.OpenStream(channels), channels, model.WindowSamples, options));

    /// <summary>Releases the model session.</summary>
    public void Dispose() => _model.Dispose();
}
