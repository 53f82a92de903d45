namespace FunAsr.Ingest.Events;

/// <summary>What <see cref="EventScanner"/> found in one line: byte offsets into the line, and the source text.</summary>
/// <param name="Failure">Why the line is not an event we can add to (invalid JSON, not an object), or null.</param>
/// <param name="CloseBrace">Offset of the object's closing <c>}</c>.</param>
/// <param name="HasKeys">Whether the object has any key (a new key then needs a comma before it).</param>
/// <param name="TargetStart">Offset of the existing target key's value, or -1.</param>
/// <param name="TargetEnd">Offset just past the existing target key's value, or -1.</param>
/// <param name="SourceField">The source field used: the first present and not null, in the configured order.</param>
/// <param name="SourceText">Its text, when it is a string.</param>
/// <param name="SourceType">Its JSON type as a phrase (<c>string</c>, <c>a number</c>…).</param>
internal sealed record ScannedEvent(
    EventFailure? Failure, int CloseBrace, bool HasKeys, int TargetStart, int TargetEnd,
    string? SourceField, string? SourceText, string? SourceType)
{
    public static ScannedEvent Failed(string reason, string message) => new(new EventFailure(reason, message), -1, false, -1, -1, null, null, null);
}
