using FunAsr.Extractors;

namespace FunAsr.Ingest.Events;

/// <summary>How <see cref="EventExtraction"/> reads events and where it puts results.</summary>
/// <param name="SourceFields">Dotted paths tried in order; the first present and not null is the text.
/// <value>Default <c>message</c>, <c>text</c>, <c>log</c>, <c>event.original</c>.</value></param>
/// <param name="Target">The top-level key everything we add goes under. <value>Default <c>funasr</c>.</value></param>
/// <param name="MaxLineBytes">The longest line read; longer lines become a <c>line_too_long</c> failure. <value>Default 1 MiB.</value></param>
/// <param name="Language">Language of every event's text, or null to run every rule.</param>
/// <param name="Speaker">Speaker of every event's text, for rules with <c>when.speaker</c>.</param>
/// <param name="Scope">The scope rules run on.</param>
internal sealed record EventExtractionOptions(
    IReadOnlyList<string> SourceFields, string Target, int MaxLineBytes, string? Language, string? Speaker, ExtractionScope Scope)
{
    public static readonly IReadOnlyList<string> DefaultSourceFields = ["message", "text", "log", "event.original"];

    public const string DefaultTarget = "funasr";

    public const int DefaultMaxLineBytes = 1024 * 1024;
}
