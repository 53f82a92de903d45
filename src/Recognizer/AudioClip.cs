using FunAsr.Recognizer.Audio;
namespace FunAsr.Recognizer;

/// <summary>
/// A whole short recording in memory: one float array per channel, samples in [-1, 1], at <see cref="SampleRateHz"/>.
/// For long files read block by block with <see cref="AudioStream"/> instead.
/// </summary>
public sealed class AudioClip
{
    private const int ReadBlockFrames = 1 << 16;

    private readonly float[][] _channels;

    private AudioClip(float[][] channels, int sampleRateHz, string? sourcePath)
    {
        _channels = channels;
        SampleRateHz = sampleRateHz;
        SourcePath = sourcePath;
    }

    /// <summary>Samples per second of every channel.</summary>
    public int SampleRateHz { get; }

    /// <summary>Number of channels (stereo call recordings carry agent and customer separately).</summary>
    public int ChannelCount => _channels.Length;

    /// <summary>Frames per channel.</summary>
    public int FrameCount => _channels.Length == 0 ? 0 : _channels[0].Length;

    /// <summary>Length of the clip.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRateHz);

    /// <summary>The file the clip was loaded from, or null for generated audio.</summary>
    public string? SourcePath { get; }

    /// <summary>The samples of channel <paramref name="index"/> (0-based), in [-1, 1].</summary>
    public ReadOnlyMemory<float> Channel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ChannelCount);
        return _channels[index];
    }

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
        return new AudioClip(data, targetSampleRateHz, path);
    }

    /// <summary>Wraps samples already in memory (generated audio, tests). The arrays are used as given, not copied.</summary>
    /// <param name="channels">One array per channel, all the same length, samples in [-1, 1].</param>
    /// <param name="sampleRateHz">Their sample rate.</param>
    /// <param name="sourcePath">Where they came from, if anywhere.</param>
    public static AudioClip FromSamples(float[][] channels, int sampleRateHz, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        if (channels.Length == 0)
            throw new ArgumentException("At least one channel is needed.", nameof(channels));
        if (channels.Any(c => c.Length != channels[0].Length))
            throw new ArgumentException("All channels must have the same number of samples.", nameof(channels));
        return new AudioClip(channels, sampleRateHz, sourcePath);
    }
}
