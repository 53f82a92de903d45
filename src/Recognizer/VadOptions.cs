namespace FunAsr.Recognizer;

/// <summary>
/// Voice activity detection settings: which detector runs and how its per-window speech probabilities become speech
/// segments (the semantics of silero-vad's <c>get_speech_timestamps</c>). Defaults are tuned on generated two-channel
/// 8 kHz µ-law calls (README, section "Stereo calls, VAD and call metrics").
/// </summary>
public sealed record VadOptions
{
    /// <summary>
    /// <c>auto</c> (silero when its model file is found, else the energy detector, said once in the log), <c>silero</c>
    /// (an error when the model file is missing), <c>energy</c>, or <c>off</c> (no VAD: each channel is cut into pieces of
    /// at most <see cref="TranscriberOptions.MaxSegmentDuration"/> at the quietest point), or <c>fsmn</c> (FunASR's FSMN-VAD
    /// from the folder <see cref="ModelPath"/>, with the end-pointing of its <c>config.yaml</c>; the threshold and
    /// duration settings here are silero's and energy's and do not apply).
    /// </summary>
    /// <value><c>auto</c>.</value>
    public string Method { get; init; } = "auto";

    /// <summary>The silero VAD ONNX file (v4 or v5 interface); null searches <c>SILERO_VAD_PATH</c>, the application folder,
    /// then <c>models/silero-vad/silero_vad.onnx</c> above it. For <c>fsmn</c>, the FSMN-VAD folder (required).</summary>
    public string? ModelPath { get; init; }

    /// <summary>Speech starts in a window whose probability is at least this.</summary>
    /// <value>0.5.</value>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Once in speech, a window below this counts as silence; null means <c>max(Threshold − 0.15, 0.01)</c>.</summary>
    public float? ExitThreshold { get; init; }

    /// <summary>Speech shorter than this is dropped (clicks, breaths).</summary>
    /// <value>250 ms.</value>
    public TimeSpan MinSpeech { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Silence that ends a segment; shorter pauses stay inside it.</summary>
    /// <value>250 ms (on generated calls, 400 ms merged 4 of 120 turns with a neighbour at the same boundary error).</value>
    public TimeSpan MinSilence { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Audio kept before and after each detected segment (never overlapping the neighbour); at most
    /// <see cref="MinSilence"/>.</summary>
    /// <value>100 ms.</value>
    public TimeSpan SpeechPad { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest segment, padding included; a longer stretch of speech is cut at the longest pause inside it
    /// (pauses from <see cref="MinPauseAtMaxSpeech"/>), or at the limit when it has none.</summary>
    /// <value>20 seconds.</value>
    public TimeSpan MaxSegment { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Shortest pause considered as a cut point when a segment reaches <see cref="MaxSegment"/>.</summary>
    /// <value>98 ms (silero-vad's <c>min_silence_at_max_speech</c>).</value>
    public TimeSpan MinPauseAtMaxSpeech { get; init; } = TimeSpan.FromMilliseconds(98);

    /// <summary>The energy detector's speech level in dBFS; a window is speech when it is above this and 12 dB above
    /// the channel's tracked noise floor.</summary>
    /// <value>−45 dBFS.</value>
    public double EnergyThresholdDb { get; init; } = -45;

    /// <summary>ONNX Runtime threads inside one operator of the VAD model (silero, FSMN); 0 lets ORT choose. A 32 ms
    /// window is too small to share between threads, so one is fastest; calls run side by side instead.</summary>
    /// <value>1.</value>
    public int Threads { get; init; } = 1;

    /// <summary>The defaults.</summary>
    public static VadOptions Default { get; } = new();

    internal float EffectiveExitThreshold => ExitThreshold ?? MathF.Max(Threshold - 0.15f, 0.01f);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    internal void Validate()
    {
        if (Method is not ("auto" or "silero" or "energy" or "fsmn" or "off"))
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(Method)} '{Method}' is not valid: use auto, silero, energy, fsmn or off.");
        }

        if (Method == "fsmn" && string.IsNullOrEmpty(ModelPath))
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(Method)} fsmn needs {nameof(VadOptions)}.{nameof(ModelPath)}: the FSMN-VAD folder (model.onnx, am.mvn, config.yaml).");
        }

        if (Threads < 0)
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(Threads)} must be 0 (automatic) or more; got {Threads}.");
        }

        if (Threshold is <= 0 or >= 1)
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(Threshold)} must be in (0, 1); got {Threshold}.");
        }

        if (EffectiveExitThreshold > Threshold || EffectiveExitThreshold <= 0)
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(ExitThreshold)} must be in (0, {nameof(Threshold)}]; got {EffectiveExitThreshold}.");
        }

        if (MinSpeech < TimeSpan.Zero || MinSilence <= TimeSpan.Zero || SpeechPad < TimeSpan.Zero || MinPauseAtMaxSpeech < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(VadOptions)}: {nameof(MinSpeech)}, {nameof(SpeechPad)} and {nameof(MinPauseAtMaxSpeech)} must not be negative and {nameof(MinSilence)} must be positive.");
        }

        if (SpeechPad > MinSilence)
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(SpeechPad)} ({SpeechPad.TotalMilliseconds} ms) must not exceed {nameof(MinSilence)} ({MinSilence.TotalMilliseconds} ms).");
        }

        if (MaxSegment < TimeSpan.FromSeconds(1) + 2 * SpeechPad)
        {
            throw new ArgumentException($"{nameof(VadOptions)}.{nameof(MaxSegment)} must be at least 1 s plus twice {nameof(SpeechPad)}; got {MaxSegment}.");
        }
    }
}
