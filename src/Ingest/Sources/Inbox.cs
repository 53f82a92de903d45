using FunAsr.Recognizer;

namespace FunAsr.Ingest.Sources;

/// <summary>A configured source's folder, its <c>type</c> and its inbox hotwords (<c>sources[].hotwords</c>, read at start).</summary>
internal sealed record Inbox(string Source, string Root, IReadOnlyList<Hotword> Hotwords)
{
    /// <summary>The deepest inbox holding <paramref name="fullPath"/>, so uploads under a watched folder belong to the upload source; null outside every inbox.</summary>
    public static Inbox? Holding(IReadOnlyList<Inbox> inboxes, string fullPath) => inboxes
        .Where(i => fullPath.StartsWith(i.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .MaxBy(i => i.Root.Length);
}
