namespace FunAsr.Recognizer.Vad;

/// <summary>
/// Voice activity detection over one recording as it is read: blocks of all channels in (16 kHz), final speech
/// chunks with their audio out, channel by channel. Holds only the audio a pending segment may still need. The full
/// windows of a block are scored together, up to <see cref="WindowsPerScore"/> at a time (a model that runs consecutive
/// windows in one call, as the 16 kHz silero does, then pays its per-call cost once per second of audio, not per window).
/// </summary>
internal sealed class VadStream : ISpeechChunkStream
{
    internal const int WindowsPerScore = 32;

    private readonly ISpeechProbabilityStream _scorer;
    private readonly int _channels;
    private readonly int _window;
    private readonly SpeechSegmenter[] _segmenters;
    private readonly ChannelAudioWindow[] _audio;
    private readonly float[] _windows;
    private readonly float[] _probabilities;
    private int _pending;
    private int _filled;
    private long _total;

    public VadStream(ISpeechProbabilityStream scorer, int channels, int windowSamples, VadOptions options)
    {
        _scorer = scorer;
        _channels = channels;
        _window = windowSamples;
        _segmenters = Enumerable.Range(0, channels).Select(_ => new SpeechSegmenter(options, VoiceActivityDetector.SampleRateHz, windowSamples)).ToArray();
        _audio = Enumerable.Range(0, channels).Select(_ => new ChannelAudioWindow()).ToArray();
        _windows = new float[WindowsPerScore * channels * windowSamples];
        _probabilities = new float[WindowsPerScore * channels];
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
                piece.CopyTo(_windows.AsSpan((_pending * _channels + ch) * _window + _filled));
                _audio[ch].Append(piece);
            }

            _filled += n;
            offset += n;
            _total += n;
            if (_filled == _window)
            {
                _filled = 0;
                if (++_pending == WindowsPerScore)
                {
                    ScorePending(chunks);
                }
            }
        }

        ScorePending(chunks);
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
                _windows.AsSpan((_pending * _channels + ch) * _window + _filled, _window - _filled).Clear();
            }

            _filled = 0;
            _pending++;
            ScorePending(chunks);
        }

        for (var ch = 0; ch < _channels; ch++)
        {
            Collect(chunks, ch, _segmenters[ch].Finish(_total));
        }

        return chunks;
    }

    public void Dispose() => _scorer.Dispose();

    private void ScorePending(List<SpeechChunk> chunks)
    {
        if (_pending == 0)
        {
            return;
        }

        _scorer.Score(_windows.AsSpan(0, _pending * _channels * _window), _probabilities.AsSpan(0, _pending * _channels));
        for (var w = 0; w < _pending; w++)
        {
            for (var ch = 0; ch < _channels; ch++)
            {
                Collect(chunks, ch, _segmenters[ch].Push(_probabilities[w * _channels + ch]));
                _audio[ch].DropBefore(_segmenters[ch].EarliestNeededSample);
            }
        }

        // The window still being filled moves to the front, where the next block goes on filling it.
        for (var ch = 0; ch < _channels && _filled > 0; ch++)
        {
            _windows.AsSpan((_pending * _channels + ch) * _window, _filled).CopyTo(_windows.AsSpan(ch * _window));
        }

        _pending = 0;
    }

    private void Collect(List<SpeechChunk> chunks, int channel, IReadOnlyList<SpeechSpan> spans)
    {
        foreach (var span in spans)
        {
            var end = Math.Min(span.End, Math.Min(_segmenters[channel].Position, _total));
            chunks.Add(new SpeechChunk(channel, span with { End = end }, _audio[channel].Copy(span.Start, end)));
        }
    }
}
