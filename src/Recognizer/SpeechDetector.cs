using FunAsr.Recognizer.Vad;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

/// <summary>
/// Voice activity detection on its own, without the speech model: the detector a <see cref="Transcriber"/> segments
/// with (<see cref="VadOptions"/>), for tuning its settings and measuring boundaries against known turn times
/// (<c>funasr-pipeline vad</c>). Thread-safe.
/// </summary>
public sealed class SpeechDetector : IDisposable
{
    private readonly VoiceActivityDetector _detector;

    private SpeechDetector(VoiceActivityDetector detector)
    {
        _detector = detector;
    }

    /// <summary>What detects speech: <c>silero-v4</c>, <c>silero-v5</c>, <c>energy</c> or <c>fsmn</c>.</summary>
    public string Method => _detector.Method;

    /// <summary>Creates the detector; <see cref="VadOptions.Method"/> must not be <c>off</c>.</summary>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Receives which detector runs (and why the energy fallback, when it is used).</param>
    /// <param name="ortLibraryPath">The native ONNX Runtime; null searches as <see cref="TranscriberOptions.OrtLibraryPath"/> does.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="FileNotFoundException">Method <c>silero</c> and no model file was found.</exception>
    /// <exception cref="ModelLoadException">The model file is not a VAD model this runtime knows.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime is missing or cannot load the model.</exception>
    public static SpeechDetector Create(VadOptions options, ILogger logger, string? ortLibraryPath = null) =>
        new(VoiceActivityDetector.Create(options, logger, ortLibraryPath));

    /// <summary>The detected speech (without padding) of every channel of a recording, read block by block.</summary>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    public SpeechActivity DetectFile(string path, CancellationToken ct = default) => _detector.DetectFile(path, ct);

    /// <summary>Releases the model session.</summary>
    public void Dispose() => _detector.Dispose();
}
