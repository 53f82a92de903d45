using FunAsr.Recognizer.Models;

namespace FunAsr.Recognizer.Vad.Fsmn;

/// <summary>
/// FunASR's VAD end-pointing parameters (<c>VADXOptions</c>), read from <c>config.yaml</c> <c>model_conf</c> with
/// FunASR's defaults for absent keys (../shared/spec/funasr-family.md §5). Times are in ms; a frame is 10 ms.
/// </summary>
internal sealed record FsmnEndpointSettings
{
    public int FrameMs { get; init; } = 10;
    public int MaxEndSilenceMs { get; init; } = 800;
    public int MaxSingleSegmentMs { get; init; } = 60000;
    public double SpeechNoiseThreshold { get; init; } = 0.6;
    public double Speech2NoiseRatio { get; init; } = 1.0;
    public int WindowMs { get; init; } = 200;
    public int SilToSpeechMs { get; init; } = 150;
    public int SpeechToSilMs { get; init; } = 150;
    public bool Extend { get; init; } = true;
    public int LookbackStartMs { get; init; } = 200;
    public int LookaheadEndMs { get; init; } = 100;

    /// <summary>Reads <paramref name="config"/>'s <c>model_conf</c>; null gives the defaults.</summary>
    /// <exception cref="ModelLoadException">A value is not a number, or a setting this runtime does not implement is changed
    /// (single-utterance mode, the SNR/decibel checks that −100 disables, several silence pdfs).</exception>
    public static FsmnEndpointSettings From(FunAsrConfig? config)
    {
        var d = new FsmnEndpointSettings();
        if (config is null)
        {
            return d;
        }

        const string s = "model_conf";
        Require(config, "detect_mode", 1, "only multiple-utterance detection (1) is implemented");
        Require(config, "snr_thres", -100, "the SNR check is implemented only disabled (-100)");
        Require(config, "decibel_thres", -100, "the decibel check is implemented only disabled (-100)");
        Require(config, "silence_pdf_num", 1, "one silence pdf (0) is implemented");
        return new FsmnEndpointSettings
        {
            FrameMs = config.Integer(s, "frame_in_ms", d.FrameMs),
            MaxEndSilenceMs = config.Integer(s, "max_end_silence_time", d.MaxEndSilenceMs),
            MaxSingleSegmentMs = config.Integer(s, "max_single_segment_time", d.MaxSingleSegmentMs),
            SpeechNoiseThreshold = config.Number(s, "speech_noise_thres", d.SpeechNoiseThreshold),
            Speech2NoiseRatio = config.Number(s, "speech_2_noise_ratio", d.Speech2NoiseRatio),
            WindowMs = config.Integer(s, "window_size_ms", d.WindowMs),
            SilToSpeechMs = config.Integer(s, "sil_to_speech_time_thres", d.SilToSpeechMs),
            SpeechToSilMs = config.Integer(s, "speech_to_sil_time_thres", d.SpeechToSilMs),
            Extend = config.Integer(s, "do_extend", 1) != 0,
            LookbackStartMs = config.Integer(s, "lookback_time_start_point", d.LookbackStartMs),
            LookaheadEndMs = config.Integer(s, "lookahead_time_end_point", d.LookaheadEndMs),
        };

        static void Require(FunAsrConfig config, string key, double expected, string why)
        {
            var value = config.Number(s, key, expected);
            if (value != expected)
            {
                throw new ModelLoadException(config.Path, $"{s}.{key} is {value}; {why}.", $"{s}.{key}");
            }
        }
    }
}
