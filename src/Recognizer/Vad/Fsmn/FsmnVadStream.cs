using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer.Vad.Fsmn;

/// <summary>
/// FSMN-VAD over one recording as it is read, each channel on its own: samples → fbank frames (as soon as a 25 ms
/// window is whole) → LFR 5/1 (frame i stacks frames i−2…i+2, clamped at both ends, so it waits for two frames) →
/// CMVN → the model in blocks of up to one second, its caches carried across blocks → <see cref="FsmnEndpointer"/>
/// (one frame behind, so the last frame of the recording is the one marked final). Holds the audio from the earliest
/// frame a segment may still start at, so memory stays bounded by the longest segment.
/// </summary>
internal sealed class FsmnVadStream : ISpeechChunkStream
{
    private const int BlockFrames = 100;
    private readonly Channel[] _channels;
    private long _position;

    public FsmnVadStream(FsmnVadModel model, int channels)
    {
        _channels = Enumerable.Range(0, channels).Select(c => new Channel(model, c)).ToArray();
    }

    public long Position => _position;

    public int BufferedCapacity => _channels.Max(c => c.Audio.Capacity);

    public IReadOnlyList<SpeechChunk> Push(float[][] block, int frames)
    {
        if (block.Length != _channels.Length)
        {
            throw new ArgumentException($"Expected {_channels.Length} channels; got {block.Length}.", nameof(block));
        }

        _position += frames;
        var chunks = new List<SpeechChunk>();
        for (var c = 0; c < _channels.Length; c++)
        {
            _channels[c].Push(block[c].AsSpan(0, frames), chunks);
        }

        return chunks;
    }

    public void Dispose()
    {
    }

    public IReadOnlyList<SpeechChunk> Finish()
    {
        var chunks = new List<SpeechChunk>();
        foreach (var channel in _channels)
        {
            channel.Finish(chunks);
        }

        return chunks;
    }

    private sealed class Channel(FsmnVadModel model, int index)
    {
        private const int LfrSize = 5;
        private const int MelBins = 80;
        private const int SamplesPerFrame = 160;
        private readonly FbankExtractor _fbank = new(FbankOptions.Default);
        private readonly FsmnEndpointer _endpointer = new(model.Settings);
        private readonly float[][] _caches = model.NewCaches();
        private readonly List<float> _samples = [];
        private readonly List<float[]> _fbankFrames = [];
        private readonly float[] _block = new float[BlockFrames * FsmnVadModel.Dimension];
        private readonly float[] _silence = new float[BlockFrames];
        private int _fbankFirst;
        private int _fbankTotal;
        private int _lfrNext;
        private int _blockFrames;
        private double? _held;

        public ChannelAudioWindow Audio { get; } = new();

        public void Push(ReadOnlySpan<float> samples, List<SpeechChunk> chunks)
        {
            Audio.Append(samples);
            foreach (var s in samples)
            {
                _samples.Add(s);
            }

            var count = _fbank.FrameCount(_samples.Count);
            if (count > 0)
            {
                var features = _fbank.Compute(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_samples));
                for (var f = 0; f < count; f++)
                {
                    _fbankFrames.Add(features.AsSpan(f * MelBins, MelBins).ToArray());
                }

                _fbankTotal += count;
                _samples.RemoveRange(0, count * SamplesPerFrame);
            }

            Stack(final: false, chunks);
        }

        public void Finish(List<SpeechChunk> chunks)
        {
            Stack(final: true, chunks);
            RunBlock(chunks);
            if (_held is { } last)
            {
                Endpoint(last, final: true, chunks);
            }
        }

        /// <summary>LFR rows whose right context has arrived (all of them at the end), CMVN'd into the model block.</summary>
        private void Stack(bool final, List<SpeechChunk> chunks)
        {
            var right = (LfrSize - 1) / 2;
            while (_lfrNext < _fbankTotal && (final || _lfrNext + right < _fbankTotal))
            {
                var row = _block.AsSpan(_blockFrames * FsmnVadModel.Dimension, FsmnVadModel.Dimension);
                for (var j = 0; j < LfrSize; j++)
                {
                    var source = Math.Clamp(_lfrNext - right + j, 0, _fbankTotal - 1);
                    _fbankFrames[source - _fbankFirst].CopyTo(row.Slice(j * MelBins, MelBins));
                }

                model.Cmvn.ApplyInPlace(row);
                _lfrNext++;
                if (++_blockFrames == BlockFrames)
                {
                    RunBlock(chunks);
                }
            }

            var drop = Math.Clamp(_lfrNext - right - _fbankFirst, 0, Math.Max(_fbankFrames.Count - 1, 0));
            _fbankFrames.RemoveRange(0, drop);
            _fbankFirst += drop;
        }

        private void RunBlock(List<SpeechChunk> chunks)
        {
            if (_blockFrames == 0)
            {
                return;
            }

            model.Run(_block, _blockFrames, _caches, _silence);
            for (var t = 0; t < _blockFrames; t++)
            {
                if (_held is { } previous)
                {
                    Endpoint(previous, final: false, chunks);
                }

                _held = _silence[t];
            }

            _blockFrames = 0;
        }

        private void Endpoint(double silence, bool final, List<SpeechChunk> chunks)
        {
            if (_endpointer.Push(silence, final) is var (startMs, endMs))
            {
                var start = startMs * 16L;
                var end = Math.Min(endMs * 16L, Audio.End);
                chunks.Add(new SpeechChunk(index, new SpeechSpan(start, end, start, end), Audio.Copy(start, end)));
            }

            Audio.DropBefore(Math.Min((long)_endpointer.EarliestNeededFrame * SamplesPerFrame, Audio.End));
        }
    }
}
