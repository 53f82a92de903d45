using FunAsr.Recognizer.Vad;

namespace FunAsr.Recognizer.Segmentation;

/// <summary>
/// Segments by voice activity detection as a recording is read: blocks of every channel go through the detector, and
/// its speech chunks come out in batches, each batch once there are enough to batch by length
/// (<paramref name="batchPieces"/>) or two minutes of audio wait. Only the pending chunks' audio is held, so memory does
/// not grow with the recording's length. Records the detected speech for call metrics.
/// </summary>
internal sealed class VadSegmentPlanner(ISpeechChunkStream vad, int batchPieces)
{
    private const int ReadBlockFrames = VoiceActivityDetector.SampleRateHz;

    // Speech chunks wait for the model until there are enough to batch by length, or this much audio (2 minutes).
    private const long FlushSamples = 120L * VoiceActivityDetector.SampleRateHz;

    private readonly List<SpeechInterval> _speech = [];

    /// <summary>Detected speech (without padding) of every channel so far.</summary>
    public IReadOnlyList<SpeechInterval> Speech => _speech;

    /// <summary>Audio read so far.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)vad.Position / VoiceActivityDetector.SampleRateHz);

    /// <summary>Reads the recording to its end with <paramref name="read"/> (fills each channel's block, returns the
    /// frames read, 0 at the end) and yields the speech chunks in batches.</summary>
    public IEnumerable<IReadOnlyList<SpeechPiece>> Batches(int channelCount, Func<float[][], int, int> read, CancellationToken ct)
    {
        var block = Enumerable.Range(0, channelCount).Select(_ => new float[ReadBlockFrames]).ToArray();
        var pending = new List<SpeechPiece>();
        var pendingSamples = 0L;
        int frames;
        while ((frames = read(block, ReadBlockFrames)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (Collect(vad.Push(block, frames)))
            {
                yield return Take();
            }
        }

        Collect(vad.Finish());
        if (pending.Count > 0)
        {
            yield return Take();
        }

        bool Collect(IReadOnlyList<SpeechChunk> chunks)
        {
            foreach (var chunk in chunks)
            {
                _speech.Add(chunk.ToInterval());
                pending.Add(new SpeechPiece(0, chunk.Channel, chunk.Span.Start, chunk.Samples));
                pendingSamples += chunk.Samples.Length;
            }

            return pending.Count >= batchPieces || pendingSamples >= FlushSamples;
        }

        SpeechPiece[] Take()
        {
            var batch = pending.ToArray();
            pending.Clear();
            pendingSamples = 0;
            return batch;
        }
    }
}
