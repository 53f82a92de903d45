namespace FunAsr.Recognizer.Vad;

/// <summary>
/// The recent audio of one channel that a future speech span may still need: appended block by block, dropped from
/// the front once the segmenter no longer needs it, compacted only when the buffer would otherwise grow. Its size is
/// bounded by the longest segment plus padding, whatever the recording's length.
/// </summary>
internal sealed class ChannelAudioWindow
{
    private float[] _data = new float[VoiceActivityDetector.SampleRateHz];
    private long _origin;
    private int _offset;
    private int _count;

    /// <summary>Stream position just after the last appended sample.</summary>
    public long End => _origin + _offset + _count;

    /// <summary>Samples held (for memory accounting in tests).</summary>
    public int Capacity => _data.Length;

    public void Append(ReadOnlySpan<float> samples)
    {
        if (_offset + _count + samples.Length > _data.Length)
        {
            if (_count + samples.Length > _data.Length)
            {
                var grown = new float[Math.Max(_data.Length * 2, _count + samples.Length)];
                _data.AsSpan(_offset, _count).CopyTo(grown);
                _data = grown;
            }
            else
            {
                _data.AsSpan(_offset, _count).CopyTo(_data);
            }

            _origin += _offset;
            _offset = 0;
        }

        samples.CopyTo(_data.AsSpan(_offset + _count));
        _count += samples.Length;
    }

    /// <summary>Forgets the samples before stream position <paramref name="position"/>.</summary>
    public void DropBefore(long position)
    {
        var drop = (int)Math.Clamp(position - (_origin + _offset), 0, _count);
        _offset += drop;
        _count -= drop;
    }

    /// <summary>A copy of stream positions [<paramref name="start"/>, <paramref name="end"/>), which must still be held.</summary>
    public float[] Copy(long start, long end)
    {
        var from = start - (_origin + _offset);
        if (from < 0 || end > End || end < start)
        {
            throw new InvalidOperationException($"Samples {start}–{end} are no longer held (held: {_origin + _offset}–{End}).");
        }

        return _data.AsSpan(_offset + (int)from, (int)(end - start)).ToArray();
    }
}
