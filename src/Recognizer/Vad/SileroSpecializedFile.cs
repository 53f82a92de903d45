using System.Security.Cryptography;
using FunAsr.Recognizer.Onnx;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// The copy of a silero v4 file made by <c>tools/specialize-silero-vad.py</c> for 16 kHz: without the <c>If</c>s on the
/// sample rate and on shapes, scoring consecutive windows in one run (<c>spectrum</c> [bins, windows, channels, frames]
/// → <c>output</c> [windows, channels]), its STFT left to the runtime's FFT (<see cref="SileroSpectrum"/>), its
/// convolutions written as products ONNX Runtime runs fast; the same weights, probabilities equal to rounding. It lies
/// beside its source as <c>&lt;stem&gt;_16k.onnx</c> and records in its metadata the rate, the layout, the STFT's framing
/// and the sha256 of the file it was made from; it stands in for that file only when the rate, layout and sha256 match,
/// so a replaced <c>silero_vad.onnx</c> is never shadowed by a stale copy.
/// </summary>
internal static class SileroSpecializedFile
{
    internal const string SampleRateKey = "silero_vad_sample_rate";
    internal const string SourceSha256Key = "silero_vad_source_sha256";
    internal const string LayoutKey = "silero_vad_layout";

    internal const string FftSizeKey = "silero_vad_fft_size";
    internal const string HopKey = "silero_vad_hop";
    internal const string ReflectPadKey = "silero_vad_reflect_pad";
    internal const string LogScaleKey = "silero_vad_log_scale";

    /// <summary>The layout of the input in the files the current script makes (<c>output</c> is [windows, channels]):
    /// <c>spectrum</c> [bins, windows, channels, frames] and <c>log_spectrum</c> laid out alike, consecutive windows in
    /// one run, their STFT computed by the runtime (<see cref="SileroSpectrum"/>) as the metadata says. Copies made before
    /// it are not used.</summary>
    internal const string SpectrumLayout = "spectrum:bins,windows,channels,frames";

    /// <summary>Where the 16 kHz copy of <paramref name="source"/> would be.</summary>
    public static string PathFor(string source) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, $"{Path.GetFileNameWithoutExtension(source)}_{SileroVadModel.SampleRateHz / 1000}k.onnx");

    /// <summary>Whether <paramref name="metadata"/> says the file is for this rate.</summary>
    public static bool IsForOurRate(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(SampleRateKey, out var rate) && rate == SileroVadModel.SampleRateHz.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How the file wants its spectrum, or null when <paramref name="metadata"/> does not have the
    /// <see cref="SpectrumLayout"/> with whole numbers for the FFT size, hop and reflect pad and a number for the log scale.</summary>
    public static SileroSpectrumFraming? Framing(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(LayoutKey, out var layout) && layout == SpectrumLayout
        && Number(metadata, FftSizeKey) is { } fftSize && Number(metadata, HopKey) is { } hop && Number(metadata, ReflectPadKey) is { } pad
        && metadata.TryGetValue(LogScaleKey, out var scaleText)
        && float.TryParse(scaleText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var logScale)
            ? new SileroSpectrumFraming(fftSize, hop, pad, logScale)
            : null;

    private static int? Number(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var text) && int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>Why the opened copy <paramref name="session"/> (a 16 kHz specialization: <see cref="SileroVadModel.Open"/>
    /// checked its rate) cannot stand in for <paramref name="source"/>, or null when it can.</summary>
    public static string? Mismatch(OrtSession session, string source)
    {
        using var file = File.OpenRead(source);
        var actual = Convert.ToHexStringLower(SHA256.HashData(file));
        return session.Metadata.TryGetValue(SourceSha256Key, out var recorded) && recorded == actual
            ? null
            : $"it was made from a file with sha256 {recorded ?? "(none recorded)"}, and {source} has {actual}";
    }
}
