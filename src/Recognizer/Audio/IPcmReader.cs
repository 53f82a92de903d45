namespace FunAsr.Recognizer.Audio;

/// <summary>
/// A decoder that yields de-interleaved float PCM in [-1, 1] at the recording's own sample rate.
/// Two implementations: <see cref="WavReader"/> (our own RIFF/WAVE parser) and <see cref="FfmpegDecoder"/>.
/// </summary>
internal interface IPcmReader : IDisposable
{
    /// <summary>Native sample rate of the recording.</summary>
    int SampleRateHz { get; }

    /// <summary>Number of channels, each kept separate.</summary>
    int ChannelCount { get; }

    /// <summary>Total frames when the container says so; null for streaming headers and ffmpeg output.</summary>
    long? FrameCount { get; }

    /// <summary>
    /// Reads up to <paramref name="maxFrames"/> frames into <c>destination[channel][offset..]</c>.
    /// Returns the frames read; 0 only at the end of the recording.
    /// </summary>
    int Read(float[][] destination, int offset, int maxFrames);
}
