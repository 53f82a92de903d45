namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Voice activity detection over one recording as it is read: blocks of all channels in (16 kHz), final speech
/// chunks with their audio out, channel by channel. Holds only the audio a pending segment may still need.
/// </summary>
internal sealed class VadStream : ISpeechChunkStream
{
    private readonly ISpeechProbabilityStream _scorer;
    private readonly int _channels;
    private readonly int _window;
    private readonly SpeechSegmenter[] _segmenters;
    private readonly ChannelAudioWindow[] _audio;
    private readonly float[] _windows;
    private readonly float[] _probabilities;
    private int _filled;
    private long _total;

    public VadStream(ISpeechProbabilityStream scorer, int channels, int windowSamples, VadOptions options)
    {
        _scorer = scorer;
        _channels = channels;
        _window = windowSamples;
        _segmenters = Enumerable.Range(0, channels).Select(_ => new SpeechSegmenter(options, VoiceActivityDetector.SampleRateHz, windowSamples)).ToArray();
        _audio = Enumerable.Range(0, channels).Select(_ => new ChannelAudioWindow()).ToArray();
        _windows = new float[channels * windowSamples];
        _probabilities = new float[channels];
    }

    /// <summary>Samples per channel consumed so far.</summary>
    public long Position => _total;

    /// <summary>The largest audio buffer held by any channel, in samples.</summary>
    public int BufferedCapacity => _audio.Max(a => a.Capacity);

    /// <summary>Consumes <paramref name="frames"/> samples of each channel's block; returns the chunks that became final.</summary>
    public IReadOnlyList<SpeechChunk> Push(float[][] block, int frames)
    {
        if (block.Length != _channels)
        {
            throw new ArgumentException($"Expected {_channels} channels; got {block.Length}.", nameof(block));
        }

        var chunks = new List<SpeechChunk>();
        for (var offset = 0; offset < frames;)
        {
            var n = Math.Min(_window - _filled, frames - offset);
            for (var ch = 0; ch < _channels; ch++)
            {
                var piece = block[ch].AsSpan(offset, n);
                piece.CopyTo(_windows.AsSpan(ch * _window + _filled));
                _audio[ch].Append(piece);
            }

            _filled += n;
            offset += n;
            _total += n;
            if (_filled == _window)
            {
                ScoreWindow(chunks);
            }
        }

        return chunks;
    }

    /// <summary>Ends the recording: scores the last partial window (zero-padded) and returns the open segments.</summary>
    public IReadOnlyList<SpeechChunk> Finish()
    {
        var chunks = new List<SpeechChunk>();
        if (_filled > 0)
        {
            for (var ch = 0; ch < _channels; ch++)
            {
                _windows.AsSpan(ch * _window + _filled, _window - _filled).Clear();
            }

            ScoreWindow(chunks);
        }

        for (var ch = 0; ch < _channels; ch++)
        {
            Collect(chunks, ch, _segmenters[ch].Finish(_total));
        }

        return chunks;
    }

    public void Dispose() => _scorer.Dispose();

    private void ScoreWindow(List<SpeechChunk> chunks)
    {
        _scorer.Score(_windows, _probabilities);
        _filled = 0;
        for (var ch = 0; ch < _channels; ch++)
        {
            Collect(chunks, ch, _segmenters[ch].Push(_probabilities[ch]));
            _audio[ch].DropBefore(_segmenters[ch].EarliestNeededSample);
        }
    }

    private void Collect(List<SpeechChunk> chunks, int channel, IReadOnlyList<SpeechSpan> spans)
    {
        foreach (var span in spans)
        {
            var end = Math.Min(span.End, _total);
            chunks.Add(new SpeechChunk(channel, span with { End = end }, _audio[channel].Copy(span.Start, end)));
        }
    }
}
