using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Calls;
using FunAsr.Recognizer.Vad;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    private const int ReadBlockFrames = SampleRateHz;

    // Speech chunks wait for the model until there are enough to batch by length, or this much audio (2 minutes).
    private const long FlushSamples = 120L * SampleRateHz;

    /// <summary>
    /// Transcribes a recording file as it is read: decode → resample → voice activity detection per channel → batches
    /// of speech segments to the model. Only the pending segments' audio and features are held, so peak memory does
    /// not grow with the recording's length. Segments carry the speaker of their channel, and the transcript carries
    /// turns and call metrics. With <see cref="VadOptions.Method"/> <c>off</c> the whole file is loaded instead.
    /// </summary>
    /// <param name="path">WAV or anything ffmpeg decodes.</param>
    /// <param name="channelRoles">Speaker of each channel (e.g. from sidecar metadata); null uses
    /// <see cref="TranscriberOptions.ChannelRoles"/>, then <see cref="ChannelRoles.Default"/>.</param>
    /// <param name="ct">Cancels between blocks and model runs.</param>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    public Task<Transcript> TranscribeFileAsync(string path, IReadOnlyList<string>? channelRoles = null, CancellationToken ct = default) =>
        TranscribeFileAsync(path, new TranscriptionRequest { ChannelRoles = channelRoles }, ct);

    /// <summary>
    /// Transcribes a recording file as it is read (see <see cref="TranscribeFileAsync(string, IReadOnlyList{string}?, CancellationToken)"/>)
    /// with this recording's own settings: speakers of its channels and hotwords that extend the deployment's.
    /// </summary>
    /// <param name="path">WAV or anything ffmpeg decodes.</param>
    /// <param name="request">This recording's channel roles and hotwords.</param>
    /// <param name="ct">Cancels between blocks and model runs.</param>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    public Task<Transcript> TranscribeFileAsync(string path, TranscriptionRequest request, CancellationToken ct = default) =>
        Task.Run(() =>
        {
            if (Vad is null)
            {
                AudioClip clip;
                using (RecognizerTracing.Source.StartActivity("decode"))
                    clip = AudioClip.Load(path, SampleRateHz);
                return Transcribe([clip], ct, request)[0];
            }

            AudioStream stream;
            using (RecognizerTracing.Source.StartActivity("decode"))
                stream = AudioStream.Open(path, SampleRateHz);
            using (stream)
                return TranscribeWithVad(stream.SourcePath, stream.ChannelCount, stream.Read, request, ct);
        }, ct);

    /// <summary>Transcribes one recording with the given speaker of each channel (see <see cref="TranscribeFileAsync(string, IReadOnlyList{string}?, CancellationToken)"/>).</summary>
    public Task<Transcript> TranscribeAsync(AudioClip clip, IReadOnlyList<string>? channelRoles, CancellationToken ct = default) =>
        TranscribeAsync(clip, new TranscriptionRequest { ChannelRoles = channelRoles }, ct);

    /// <summary>Transcribes one recording with its own channel roles and hotwords (see <see cref="TranscriptionRequest"/>).</summary>
    public Task<Transcript> TranscribeAsync(AudioClip clip, TranscriptionRequest request, CancellationToken ct = default) =>
        Task.Run(() => Transcribe([clip], ct, request)[0], ct);

    /// <summary>What segments the recordings: <c>silero-v4</c>, <c>silero-v5</c>, <c>energy</c> or <c>off</c>.</summary>
    public string VadMethod => Vad?.Method ?? "off";

    private VoiceActivityDetector? Vad { get; init; }

    private static VoiceActivityDetector? CreateVad(TranscriberOptions options, ILogger logger) =>
        options.Vad.Method == "off" ? null : VoiceActivityDetector.Create(options.Vad, logger, options.OrtLibraryPath);

    private Transcript TranscribeWithVad(AudioClip clip, TranscriptionRequest? request, CancellationToken ct)
    {
        if (clip.SampleRateHz != SampleRateHz)
        {
            throw new ArgumentException($"{clip.SourcePath ?? "The clip"} is at {clip.SampleRateHz} Hz; the model needs {SampleRateHz} Hz (AudioClip.Load resamples by default).", nameof(clip));
        }

        var position = 0;
        return TranscribeWithVad(clip.SourcePath, clip.ChannelCount, (block, maxFrames) =>
        {
            var frames = Math.Min(maxFrames, clip.FrameCount - position);
            for (var c = 0; c < block.Length; c++)
            {
                clip.Channel(c).Span.Slice(position, frames).CopyTo(block[c]);
            }

            position += frames;
            return frames;
        }, request, ct);
    }

    private Transcript TranscribeWithVad(string? sourcePath, int channelCount, Func<float[][], int, int> read, TranscriptionRequest? request, CancellationToken ct)
    {
        var roles = ChannelRoles.For(channelCount, request?.ChannelRoles ?? _options.ChannelRoles);
        var recognize = RecognizerFor(request?.Hotwords, ct);
        using var vad = Vad!.Open(channelCount);
        var block = Enumerable.Range(0, channelCount).Select(_ => new float[ReadBlockFrames]).ToArray();
        var pending = new List<SpeechChunk>();
        var pendingSamples = 0L;
        var segments = new List<TranscriptSegment>();
        var speech = new List<SpeechInterval>();
        int frames;
        while ((frames = read(block, ReadBlockFrames)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            Collect(vad.Push(block, frames));
        }

        Collect(vad.Finish());
        Flush();
        var duration = Seconds(vad.Position);
        return ToTranscript(sourcePath, duration, channelCount, segments, roles, CallMetrics.Compute(duration, roles, speech, segments));

        void Collect(IReadOnlyList<SpeechChunk> chunks)
        {
            foreach (var chunk in chunks)
            {
                speech.Add(chunk.ToInterval());
                pending.Add(chunk);
                pendingSamples += chunk.Samples.Length;
            }

            if (pending.Count >= 4 * _options.BatchSize || pendingSamples >= FlushSamples)
            {
                Flush();
            }
        }

        void Flush()
        {
            var features = pending.Select(c => ComputeFeatures(c.Samples)).ToArray();
            var kept = Enumerable.Range(0, pending.Count).Where(i => features[i].Length > 0).ToArray();
            var decoded = recognize(kept.Select(i => features[i]).ToArray());
            for (var k = 0; k < kept.Length; k++)
            {
                var chunk = pending[kept[k]];
                if (decoded[k].Tokens.Count > 0)
                {
                    segments.Add(ToSegment(decoded[k], chunk.Channel, checked((int)chunk.Span.Start), chunk.Samples.Length));
                }
            }

            pending.Clear();
            pendingSamples = 0;
        }
    }

    private static TimeSpan Seconds(long samples) => TimeSpan.FromSeconds((double)samples / SampleRateHz);
}
