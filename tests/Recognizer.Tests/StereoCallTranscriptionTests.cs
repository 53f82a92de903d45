using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Tests.Models;
using FunAsr.Recognizer.Vad;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests;

/// <summary>A generated stereo telephony call through the whole streaming path: file → VAD → model → turns and metrics.</summary>
public sealed class StereoCallTranscriptionTests : IDisposable
{
    private readonly ScratchAudio _scratch = new();

    private static Transcriber Create(VadOptions vad) => Transcriber.Create(new TranscriberOptions
    {
        ModelDirectory = TinyModel.Directory,
        Device = "cpu",
        IntraOpThreads = 1,
        Vad = vad with { ModelPath = RepoPaths.Of("models", "silero-vad", "silero_vad.onnx") },
    });

    [Fact]
    public async Task A_stereo_call_file_gives_speaker_labelled_turns_and_call_metrics()
    {
        var path = _scratch.PathOf("call.wav");
        var turns = GeneratedCall.Write(path,
        [
            (0, "thank you for calling, how can I help", TimeSpan.FromSeconds(1.5)),
            (1, "my parcel never arrived", TimeSpan.FromSeconds(0.8)),
            (0, "I am sorry to hear that", TimeSpan.FromSeconds(3.0)),
        ], tail: TimeSpan.FromSeconds(2));
        using var transcriber = Create(VadOptions.Default);

        var transcript = await transcriber.TranscribeFileAsync(path, ["agent", "customer"]);

        Assert.Equal("silero-v4", transcript.VadMethod);
        var metrics = Assert.IsType<CallMetrics>(transcript.Metrics);
        var speechSeconds = turns.Sum(t => (t.End - t.Start).TotalSeconds);
        Assert.InRange(metrics.TalkTime.TotalSeconds, speechSeconds - 0.6, speechSeconds + 0.6);
        Assert.InRange(metrics.LongestSilence.TotalSeconds, 2.5, 3.5);
        Assert.Equal([2, 1], metrics.Speakers.Select(s => s.Turns));
        Assert.Equal(["agent", "customer"], metrics.Speakers.Select(s => s.Speaker));
        Assert.All(transcript.Segments, s => Assert.Equal(s.Channel == 0 ? "agent" : "customer", s.Speaker));
        Assert.Equal(transcript.Turns.OrderBy(t => t.Start).Select(t => t.Start), transcript.Turns.Select(t => t.Start));
        Assert.Contains("customer_talk_seconds", metrics.ToDictionary().Keys);
        Assert.InRange(transcript.Duration.TotalSeconds, turns[^1].End.TotalSeconds + 1.9, turns[^1].End.TotalSeconds + 2.1);
    }

    [Fact]
    public async Task Sidecar_roles_label_a_mono_recording_and_a_clip_gets_the_same_segments_as_its_file()
    {
        var path = _scratch.PathOf("voicemail.wav");
        GeneratedCall.Write(path, [(0, "please call me back tomorrow", TimeSpan.FromSeconds(1))]);
        ScratchAudio.Run("sox", path, _scratch.PathOf("mono.wav"), "remix", "1");
        using var transcriber = Create(VadOptions.Default with { Method = "energy" });

        var fromFile = await transcriber.TranscribeFileAsync(_scratch.PathOf("mono.wav"), ["customer"]);
        var fromClip = await transcriber.TranscribeAsync(AudioFile.Load(_scratch.PathOf("mono.wav")), ["customer"]);

        Assert.Equal("customer", Assert.Single(fromFile.Metrics!.Speakers).Speaker);
        Assert.Equal(fromFile.Segments.Select(s => (s.Start, s.End, s.RawText)), fromClip.Segments.Select(s => (s.Start, s.End, s.RawText)));
        Assert.All(fromFile.Segments, s => Assert.Equal("customer", s.Speaker));
    }

    public void Dispose() => _scratch.Dispose();
}
