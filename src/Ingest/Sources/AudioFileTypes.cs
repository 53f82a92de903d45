namespace FunAsr.Ingest.Sources;

/// <summary>File extensions taken as recordings unless a source lists its own.</summary>
internal static class AudioFileTypes
{
    public static IReadOnlyList<string> Default { get; } =
        [".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac", ".amr", ".wma", ".webm", ".mp4"];
}
