using FunAsr.Recognizer.Audio;

namespace FunAsr.Recognizer;

/// <summary>Recording files read whole into an <see cref="AudioClip"/>.</summary>
public static class AudioFile
{
    private const int ReadBlockFrames = 1 << 16;

    /// <summary>
    /// Decodes the whole of <paramref name="path"/> (WAV by our own reader, anything else through ffmpeg) and
    /// resamples it to <paramref name="targetSampleRateHz"/>.
    /// </summary>
    /// <param name="path">The recording.</param>
    /// <param name="targetSampleRateHz">Output rate: <see cref="Transcriber.SampleRateHz"/> of the model that will
    /// transcribe the clip; 16000 (the FunASR family's rate) by default.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not decodable; the message names the file and the reason.</exception>
    public static AudioClip Load(string path, int targetSampleRateHz = 16000)
    {
        using var stream = AudioStream.Open(path, targetSampleRateHz);
        int channels = stream.ChannelCount;
        int capacity = stream.Duration is { } d ? (int)Math.Min(int.MaxValue, Math.Ceiling(d.TotalSeconds * targetSampleRateHz) + 1) : ReadBlockFrames;
        var data = new float[channels][];
        for (int c = 0; c < channels; c++)
            data[c] = new float[Math.Max(capacity, ReadBlockFrames)];
        int frames = 0;
        while (true)
        {
            if (data[0].Length - frames < ReadBlockFrames)
            {
                for (int c = 0; c < channels; c++)
                    Array.Resize(ref data[c], data[c].Length * 2);
            }

            int read = stream.Read(data, frames, ReadBlockFrames);
            if (read == 0)
                break;
            frames += read;
        }

        for (int c = 0; c < channels; c++)
            Array.Resize(ref data[c], frames);
        return AudioClip.FromSamples(data, targetSampleRateHz, path);
    }
}
