using System.Security.Cryptography;
using FunAsr.Recognizer.Onnx;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// The copy of a silero v4 file specialized for 16 kHz by <c>tools/specialize-silero-vad.py</c>: the same network without
/// its <c>If</c>s on the sample rate and on shapes, which ONNX Runtime otherwise runs every window through as nested
/// subgraphs (about half the model's cost per window). It lies beside its source as <c>&lt;stem&gt;_16k.onnx</c> and
/// records in its metadata the rate and the sha256 of the file it was made from; it stands in for that file only when
/// both match, so a replaced <c>silero_vad.onnx</c> is never shadowed by a stale copy.
/// </summary>
internal static class SileroSpecializedFile
{
    internal const string SampleRateKey = "silero_vad_sample_rate";
    internal const string SourceSha256Key = "silero_vad_source_sha256";

    /// <summary>Where the 16 kHz copy of <paramref name="source"/> would be.</summary>
    public static string PathFor(string source) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, $"{Path.GetFileNameWithoutExtension(source)}_{SileroVadModel.SampleRateHz / 1000}k.onnx");

    /// <summary>Whether <paramref name="metadata"/> says the file is for this rate.</summary>
    public static bool IsForOurRate(IReadOnlyDictionary<string, string> metadata) =>
        metadata.TryGetValue(SampleRateKey, out var rate) && rate == SileroVadModel.SampleRateHz.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
