using FunAsr.Recognizer.Audio;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Voice activity detection over 16 kHz audio with the settings of <see cref="VadOptions"/>: silero when its model file
/// is found (or required), otherwise the energy detector, said once in the log. Thread-safe; each recording opens its
/// own <see cref="VadStream"/>.
/// </summary>
internal sealed class VoiceActivityDetector : IDisposable
{
    public const int SampleRateHz = 16000;
    private readonly ISpeechProbabilityModel _model;

    private VoiceActivityDetector(VadOptions options, ISpeechProbabilityModel model)
    {
        Options = options;
        _model = model;
    }

    public VadOptions Options { get; }

    /// <summary>What scores the windows: <c>silero-v4</c>, <c>silero-v5</c> or <c>energy</c>.</summary>
    public string Method => _model.Name;

    /// <summary>Creates the detector; <see cref="VadOptions.Method"/> must not be <c>off</c>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">Method <c>silero</c> and no model file was found.</exception>
    public static VoiceActivityDetector Create(VadOptions options, string? ortLibraryPath, ILogger logger)
    {
        options.Validate();
        if (options.Method == "off")
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(VadOptions.Method)} is off; there is no detector to create.");
        }

        if (options.Method == "energy")
        {
            return new VoiceActivityDetector(options, new EnergyVadModel(options.EnergyThresholdDb));
        }

        var path = SileroModelLocator.Locate(options.ModelPath, out var searched);
        if (path is null)
        {
            if (options.Method == "silero")
            {
                throw new FileNotFoundException(
                    $"The silero VAD model ({SileroModelLocator.FileName}) was not found (looked in: {searched}). Run tools/install-deps.sh, " +
                    $"set {nameof(VadOptions)}.{nameof(VadOptions.ModelPath)} or {SileroModelLocator.EnvironmentVariable}, or use VAD method energy.");
            }

            logger.LogWarning(
                "Voice activity detection uses the energy detector because {File} was not found (looked in: {Searched}); run tools/install-deps.sh for silero.",
                SileroModelLocator.FileName, searched);
            return new VoiceActivityDetector(options, new EnergyVadModel(options.EnergyThresholdDb));
        }

        var model = SileroVadModel.Open(path, ortLibraryPath);
        logger.LogInformation("Voice activity detection uses {Method} from {Path}.", model.Name, path);
        return new VoiceActivityDetector(options, model);
    }

    /// <summary>Starts a recording of <paramref name="channels"/> channels.</summary>
    public VadStream Open(int channels) => new(_model.OpenStream(channels), channels, _model.WindowSamples, Options);

    /// <summary>All speech spans of a 16 kHz clip, per channel.</summary>
    public IReadOnlyList<SpeechSpan>[] Detect(AudioClip clip)
    {
        if (clip.SampleRateHz != SampleRateHz)
        {
            throw new ArgumentException($"{clip.SourcePath ?? "The clip"} is at {clip.SampleRateHz} Hz; voice activity detection needs {SampleRateHz} Hz.", nameof(clip));
        }

        var spans = Enumerable.Range(0, clip.ChannelCount).Select(_ => new List<SpeechSpan>()).ToArray();
        var stream = Open(clip.ChannelCount);
        var channels = Enumerable.Range(0, clip.ChannelCount).Select(c => clip.Channel(c).ToArray()).ToArray();
        foreach (var chunk in stream.Push(channels, clip.FrameCount).Concat(stream.Finish()))
        {
            spans[chunk.Channel].Add(chunk.Span);
        }

        return spans;
    }

    public void Dispose() => _model.Dispose();
}
