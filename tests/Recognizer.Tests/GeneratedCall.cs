using System.Runtime.InteropServices;
using FunAsr.Recognizer.Tests.Audio;

namespace FunAsr.Recognizer.Tests;

/// <summary>One spoken turn of a generated call and where its speech really is (16 kHz sample positions).</summary>
internal sealed record GeneratedTurn(int Channel, string Text, long StartSample, long EndSample)
{
    public TimeSpan Start => TimeSpan.FromSeconds(StartSample / 16000.0);

    public TimeSpan End => TimeSpan.FromSeconds(EndSample / 16000.0);
}

/// <summary>
/// A stereo call made for real with espeak-ng and sox, written as telephony audio (8 kHz G.711 µ-law, agent left,
/// customer right) with known turn times: each turn's speech extent is measured on the synthesized audio (first and
/// last sample above −40 dBFS), so the ground truth does not include espeak's own leading and trailing silence.
/// </summary>
internal static class GeneratedCall
{
    public const int SampleRateHz = 16000;

    /// <summary>Writes <paramref name="path"/> from (channel, text, gap before the turn) and returns the turns.</summary>
    /// <param name="script">Turns in order; a negative gap starts the turn before the previous one ends (an interruption).</param>
    public static IReadOnlyList<GeneratedTurn> Write(string path, IReadOnlyList<(int Channel, string Text, TimeSpan Gap)> script, TimeSpan? tail = null)
    {
        var voices = new[] { "en-gb-scotland+f3", "en-us+m3" };
        var pieces = new List<(int Channel, string Text, float[] Speech, TimeSpan Gap)>();
        foreach (var (channel, text, gap) in script)
        {
            pieces.Add((channel, text, Speak(text, voices[channel % 2], Path.GetDirectoryName(path)!), gap));
        }

        var turns = new List<GeneratedTurn>();
        long cursor = 0;
        foreach (var (channel, text, speech, gap) in pieces)
        {
            var start = Math.Max(0, cursor + (long)(gap.TotalSeconds * SampleRateHz));
            turns.Add(new GeneratedTurn(channel, text, start, start + speech.Length));
            cursor = start + speech.Length;
        }

        var length = cursor + (long)((tail ?? TimeSpan.FromSeconds(1)).TotalSeconds * SampleRateHz);
        var interleaved = new float[length * 2];
        for (var i = 0; i < turns.Count; i++)
        {
            var speech = pieces[i].Speech;
            for (var s = 0; s < speech.Length; s++)
            {
                interleaved[(turns[i].StartSample + s) * 2 + turns[i].Channel] += speech[s];
            }
        }

        var raw = path + ".f32";
        File.WriteAllBytes(raw, MemoryMarshal.AsBytes(interleaved.AsSpan()).ToArray());
        ScratchAudio.Run("sox", "-t", "f32", "-r", "16000", "-c", "2", raw, "-r", "8000", "-e", "u-law", "-b", "8", path);
        File.Delete(raw);
        return turns;
    }

    /// <summary>espeak-ng's rendering of <paramref name="text"/> at 16 kHz, trimmed to its speech (−40 dBFS).</summary>
    public static float[] Speak(string text, string voice, string folder)
    {
        var wav = Path.Combine(folder, $"tts-{Guid.NewGuid():N}.wav");
        ScratchAudio.Run("espeak-ng", "-v", voice, "-s", "165", "-w", wav, text);
        var bytes = ScratchAudio.Run("sox", wav, "-t", "f32", "-r", "16000", "-c", "1", "-", "gain", "-3");
        File.Delete(wav);
        var samples = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        var first = Array.FindIndex(samples, s => Math.Abs(s) > 0.01f);
        var last = Array.FindLastIndex(samples, s => Math.Abs(s) > 0.01f);
        return first < 0 ? [] : samples[first..(last + 1)];
    }
}
