namespace FunAsr.Recognizer.Audio;

/// <summary>
/// Reads a recording block by block, decoded and resampled to <see cref="SampleRateHz"/>, one array per channel, so
/// a two-hour stereo call never has to fit in memory. WAV files (PCM 8/16/24/32, float 32/64, G.711 A/µ-law,
/// WAVE_FORMAT_EXTENSIBLE) are parsed by our own reader; every other format goes through the system <c>ffmpeg</c>.
/// </summary>
/// <example>
/// <code>
/// using var stream = AudioStream.Open("call.mp3", 16000);
/// var block = new float[stream.ChannelCount][];
/// for (int c = 0; c &lt; block.Length; c++) block[c] = new float[16000];
/// int frames;
/// while ((frames = stream.Read(block, 16000)) &gt; 0) { /* block[c][..frames] */ }
/// </code>
/// </example>
internal sealed class AudioStream : IDisposable
{
    private const int DecodeBlockFrames = 8192;

    private readonly IPcmReader _reader;
    private readonly PolyphaseResampler[]? _resamplers;
    private readonly float[][] _decoded;
    private bool _ended;

    private AudioStream(IPcmReader reader, int targetSampleRateHz, string sourcePath)
    {
        _reader = reader;
        SourcePath = sourcePath;
        SampleRateHz = targetSampleRateHz;
        NativeSampleRateHz = reader.SampleRateHz;
        ChannelCount = reader.ChannelCount;
        if (reader.FrameCount is { } frames)
            Duration = TimeSpan.FromSeconds((double)frames / reader.SampleRateHz);
        if (reader.SampleRateHz != targetSampleRateHz)
        {
            var bank = new PolyphaseFilterBank(reader.SampleRateHz, targetSampleRateHz);
            _resamplers = new PolyphaseResampler[ChannelCount];
            for (int c = 0; c < ChannelCount; c++)
                _resamplers[c] = new PolyphaseResampler(bank);
        }

        _decoded = new float[ChannelCount][];
        for (int c = 0; c < ChannelCount; c++)
            _decoded[c] = new float[_resamplers is null ? 0 : DecodeBlockFrames];
    }

    /// <summary>Sample rate of the blocks returned by <see cref="Read(float[][], int)"/>.</summary>
    public int SampleRateHz { get; }

    /// <summary>Sample rate stored in the recording (before resampling).</summary>
    public int NativeSampleRateHz { get; }

    /// <summary>Number of channels; each is returned separately (stereo calls keep agent and customer apart).</summary>
    public int ChannelCount { get; }

    /// <summary>Length of the recording when its header says so; null for streaming WAV headers and ffmpeg input.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The path this stream was opened from.</summary>
    public string SourcePath { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for block reading at <paramref name="targetSampleRateHz"/>.
    /// </summary>
    /// <param name="path">A WAV file, or any file ffmpeg can decode (mp3, m4a/aac, ogg/opus, flac, amr, wma…).</param>
    /// <param name="targetSampleRateHz">Output rate: the model's (<see cref="Transcriber.SampleRateHz"/>) or the voice activity detector's.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file is not decodable; the message names the file and the reason.</exception>
    public static AudioStream Open(string path, int targetSampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSampleRateHz);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> head = stackalloc byte[12];
        int read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        IPcmReader reader;
        if (WavReader.IsRiffWave(head[..read]) || (IsWavName(path) && !head[..read].StartsWith("RF64"u8)))
        {
            file.Position = 0;
            reader = WavReader.Open(file, path);
        }
        else
        {
            file.Dispose();
            reader = FfmpegDecoder.Open(path);
        }

        try
        {
            return new AudioStream(reader, targetSampleRateHz, path);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads up to <paramref name="maxFrames"/> frames into <c>destination[channel][0..]</c> (one array per channel,
    /// each at least <paramref name="maxFrames"/> long), samples in [-1, 1]. Returns the number of frames written to
    /// every channel; 0 only at the end of the recording.
    /// </summary>
    public int Read(float[][] destination, int maxFrames) => Read(destination, 0, maxFrames);

    /// <summary>As <see cref="Read(float[][], int)"/>, writing from <c>destination[channel][offset]</c> on.</summary>
    internal int Read(float[][] destination, int offset, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Length < ChannelCount || destination.Take(ChannelCount).Any(d => d.Length < offset + maxFrames))
            throw new ArgumentException($"destination needs {ChannelCount} arrays of at least {offset + maxFrames} samples.", nameof(destination));
        int end = offset + maxFrames;
        int written = offset;
        while (written < end)
        {
            int produced = 0;
            if (_resamplers is null)
                produced = _reader.Read(destination, written, end - written);
            else
                for (int c = 0; c < ChannelCount; c++)
                    produced = _resamplers[c].Read(destination[c].AsSpan(written, end - written));
            written += produced;
            if (produced > 0)
                continue;
            if (_resamplers is null || _ended)
                break;
            Decode();
        }

        return written - offset;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    private void Decode()
    {
        int frames = _reader.Read(_decoded, 0, DecodeBlockFrames);
        for (int c = 0; c < ChannelCount; c++)
        {
            if (frames > 0)
                _resamplers![c].Write(_decoded[c].AsSpan(0, frames));
            else
                _resamplers![c].Complete();
        }

        _ended = frames == 0;
    }

    private static bool IsWavName(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".wav" or ".wave";
}
