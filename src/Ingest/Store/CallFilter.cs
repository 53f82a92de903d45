namespace FunAsr.Ingest.Store;

/// <summary>
/// What the web page's calls list shows: words that must all occur in one segment (as in <see cref="StoreQuery"/>),
/// a call-time range (start time, else processing time), a tag, an alert severity, a field name present, a speaker
/// (who said the words, or who spoke at all), a language; one page of <see cref="PageSize"/> newest first.
/// </summary>
internal sealed record CallFilter(
    string? Text = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Tag = null,
    string? Severity = null,
    string? Field = null,
    string? Speaker = null,
    string? Language = null,
    int Page = 0,
    int PageSize = 50)
{
    public IReadOnlyList<string> Terms { get; } =
        Text?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? [];
}
