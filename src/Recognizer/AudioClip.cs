namespace FunAsr.Recognizer;

/// <summary>
/// A whole short recording in memory: one float array per channel, samples in [-1, 1], at <see cref="SampleRateHz"/>.
/// <see cref="AudioFile.Load"/> decodes a file into one; <see cref="Transcriber.TranscribeFileAsync(string, TranscriptionRequest, CancellationToken)"/>
/// reads long files block by block instead.
/// </summary>
public sealed class AudioClip
{
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
