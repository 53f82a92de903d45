using System.Diagnostics;

namespace FunAsr.Recognizer;

/// <summary>
/// Spans of the recognizer (activity source <see cref="SourceName"/>), nested under whatever span the caller has
/// open: <c>decode</c> covers reading the audio: opening and probing it when it is streamed through VAD, decoding it
/// whole otherwise.
/// </summary>
public static class RecognizerTracing
{
    /// <summary>The activity source name to listen to (OpenTelemetry: <c>AddSource(RecognizerTracing.SourceName)</c>).</summary>
    public const string SourceName = "FunAsr.Recognizer";

    internal static readonly ActivitySource Source = new(SourceName);
}
