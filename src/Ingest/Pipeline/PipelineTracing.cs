using System.Diagnostics;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// One trace per recording (activity source <see cref="SourceName"/>): a root <c>recording</c> span from claim to
/// storage or failure, with a child span per stage: <c>decode</c> (opening and probing the audio), <c>transcribe</c>,
/// <c>extract</c> and <c>deliver</c>. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
internal static class PipelineTracing
{
    public const string SourceName = "FunAsr.Pipeline";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The root span of a recording's trace; null when nobody listens.</summary>
    public static Activity? StartRecording(string recordingId, string path)
    {
        // A root: without clearing the ambient span, the feeder's previous recording would become its parent.
        var ambient = Activity.Current;
        Activity.Current = null;
        var activity = Source.StartActivity("recording", ActivityKind.Internal, parentContext: default);
        Activity.Current = ambient;
        activity?.SetTag("funasr.recording.id", recordingId);
        activity?.SetTag("file.path", path);
        return activity;
    }

    /// <summary>A stage's span under the recording's root span.</summary>
    public static Activity? StartStage(string stage, Activity? recording) =>
        Source.StartActivity(stage, ActivityKind.Internal, recording?.Context ?? default);
}
