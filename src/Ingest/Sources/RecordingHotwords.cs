using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Sources.Upload;
using FunAsr.Recognizer.Decoding;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sources;

/// <summary>
/// The hotwords of one recording on top of the deployment list: its inbox's (<c>sources[].hotwords</c>, the inbox
/// being the deepest configured folder that holds the file, so uploads under a watched folder get the upload list) and
/// its own (sidecar or upload <c>hotwords</c>, kept in the ledger's metadata, so they survive a restart). Inbox files
/// are read once, when the host starts.
/// </summary>
internal sealed class RecordingHotwords
{
    private readonly HotwordSettings _settings;
    private readonly (string Root, IReadOnlyList<Hotword> Phrases)[] _inboxes;

    public RecordingHotwords(IngestSettings settings)
    {
        _settings = settings.Hotwords;
        _inboxes = [.. settings.Sources
            .Select(o => (Root: InboxOf(o), Phrases: o.HotwordPhrases()))
            .Where(i => i.Root.Length > 0 && i.Phrases.Count > 0)
            .OrderByDescending(i => i.Root.Length)];
    }

    /// <summary>Options for the recording at <paramref name="path"/>, extending the deployment list; null when it has none of its own.</summary>
    /// <exception cref="FormatException">The metadata's <c>hotwords</c> are malformed.</exception>
    public HotwordOptions? For(string path, RecordingMetadata metadata)
    {
        var full = Path.GetFullPath(path);
        var inbox = _inboxes.FirstOrDefault(i => full.StartsWith(i.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)).Phrases ?? [];
        var own = SidecarFile.HotwordsOf(metadata, $"metadata of {path}");
        return inbox.Count + own.Count == 0 ? null : _settings.With([.. inbox, .. own]);
    }

    private static string InboxOf(SourceOptions options) => options switch
    {
        FolderSourceOptions folder => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder.Path)),
        UploadSourceOptions upload => Path.TrimEndingDirectorySeparator(Path.GetFullPath(upload.Directory)),
        _ => "",
    };
}
