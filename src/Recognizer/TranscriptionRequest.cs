using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer;

/// <summary>
/// What one transcription may set on its own, on top of the <see cref="TranscriberOptions"/> the transcriber was
/// created with (see <see cref="Transcriber.TranscribeFileAsync(string, TranscriptionRequest, CancellationToken)"/>).
/// </summary>
public sealed record TranscriptionRequest
{
    /// <summary>Speaker of each channel (e.g. from sidecar metadata); null uses <see cref="TranscriberOptions.ChannelRoles"/>.</summary>
    public IReadOnlyList<string>? ChannelRoles { get; init; }

    /// <summary>
    /// Hotwords of this recording (its inbox's list, its upload's list). They EXTEND the deployment's
    /// <see cref="TranscriberOptions.Hotwords"/> (see <see cref="HotwordOptions.Extend"/>): both lists are favoured,
    /// each phrase with its own list's score, with the wider beam. Null or empty decodes as the deployment does.
    /// The context graph of a list is built once and cached by the list's content.
    /// </summary>
    public HotwordOptions? Hotwords { get; init; }
}
