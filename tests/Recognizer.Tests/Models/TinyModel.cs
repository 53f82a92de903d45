using System.Globalization;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Models;

/// <summary>
/// The committed tiny SenseVoice models (tools/make-test-model.py): content token k is emitted when the centre LFR
/// sub-frame's max over mel bins 8+6k..13+6k exceeds a log-mel of 15; tones.tsv gives a tone frequency per token.
/// Builds inputs with known outputs: LFR+CMVN features directly, or audio tones.
/// </summary>
internal static class TinyModel
{
    public const int Dim = 560;
    public const int VocabSize = 27;
    private const float NegMean = -10f, InvStddev = 0.25f;

    public static string Directory { get; } = RepoPaths.Of("models", "test-tiny");

    public static string FunAsrDirectory { get; } = RepoPaths.Of("models", "test-tiny", "funasr");

    public static string Variant(string name) => RepoPaths.Of("models", "test-tiny", name);

    public static IReadOnlyDictionary<string, double> ToneHz { get; } = File.ReadLines(Path.Combine(Directory, "tones.tsv"))
        .Skip(1)
        .Select(l => l.Split('\t'))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    public static IReadOnlyList<string> ContentPieces { get; } = ToneHz.Keys.ToArray();

    /// <summary>LFR+CMVN features with one model frame per entry: a piece emits that token, null emits blank.</summary>
    public static float[] Features(params string?[] frames)
    {
        var silence = (-15.9f + NegMean) * InvStddev;
        var loud = (25f + NegMean) * InvStddev;
        var features = new float[frames.Length * Dim];
        Array.Fill(features, silence);
        for (var t = 0; t < frames.Length; t++)
        {
            if (frames[t] is { } piece)
            {
                var group = ContentPieces.ToList().IndexOf(piece);
                Assert.True(group >= 0, $"'{piece}' is not a content token of the tiny model");
                features.AsSpan(t * Dim + 240 + 8 + 6 * group, 6).Fill(loud);
            }
        }

        return features;
    }

    /// <summary>16 kHz samples: for each piece a 0.3 s tone at its frequency followed by 0.2 s of silence.</summary>
    public static float[] Tones(params string[] pieces) => Tones(16000, pieces);

    public static float[] Tones(int sampleRateHz, params string[] pieces)
    {
        var tone = (int)(0.3 * sampleRateHz);
        var gap = (int)(0.2 * sampleRateHz);
        var samples = new float[pieces.Length * (tone + gap) + gap];
        for (var p = 0; p < pieces.Length; p++)
        {
            var hz = ToneHz[pieces[p]];
            var offset = gap + p * (tone + gap);
            for (var i = 0; i < tone; i++)
            {
                samples[offset + i] = (float)(0.3 * Math.Sin(2 * Math.PI * hz * i / sampleRateHz));
            }
        }

        return samples;
    }
}
