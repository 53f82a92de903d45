using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Sources;

/// <summary>
/// Where sources hand over complete files: reads the sidecar, computes the recording id, adds a queued ledger row
/// (once per id) holding the metadata, the source and its inbox hotwords, and wakes the pipeline. A file whose
/// sidecar cannot be read is quarantined with the reason.
/// </summary>
internal sealed class RecordingIntake(
    RecordingLedger ledger, Quarantine quarantine, IReadOnlyList<Inbox> inboxes, QueueSignal queued, ILogger<RecordingIntake> logger)
{
    /// <summary>True when this exact version of the file (path, size, modification time) was already taken.</summary>
    public bool IsKnownVersion(string path)
    {
        FileInfo info = new(Path.GetFullPath(path));
        return info.Exists && ledger.KnownFile(info.FullName, info.Length, info.LastWriteTimeUtc.Ticks) is not null;
    }

    /// <summary>
    /// Offers one complete file; returns the recording id, or null if the file vanished meanwhile. A file taken
    /// before whose size or time changed since (a recorder that went on writing) is the same recording in a new
    /// revision: it is processed again and its newer document replaces the older one.
    /// </summary>
    public string? Offer(string path)
    {
        path = Path.GetFullPath(path);
        FileInfo info = new(path);
        if (!info.Exists) return null;
        var modified = info.LastWriteTimeUtc.Ticks;
        if (ledger.KnownFile(path, info.Length, modified) is { } known) return known;
        var earlier = ledger.RecordingOfFile(path);

        var sidecar = SidecarFile.Find(path);
        string? metadataJson = null;
        RecordingMetadata metadata;
        try
        {
            metadataJson = sidecar is null ? null : SidecarFile.Read(sidecar);
            metadata = metadataJson is null ? RecordingMetadata.None : SidecarFile.Parse(metadataJson, sidecar!);
        }
        catch (FormatException ex)
        {
            var id = RecordingIdentity.Of(path, null);
            ledger.EnqueueFailed(id, path, ex.Message);
            quarantine.Put(path, id, ex.Message);
            ledger.RememberFile(path, info.Length, modified, id);
            return id;
        }
        if (earlier is not null && (metadata.CallId is null || metadata.CallId.Trim() == earlier))
            return Revise(path, info.Length, modified, earlier, metadataJson);
        return Accept(path, info.Length, modified, RecordingIdentity.Of(path, metadata.CallId), metadataJson);
    }

    /// <summary>The file at a known path changed: same recording id, queued again unless its content is the same.</summary>
    private string Revise(string path, long size, long modifiedTicks, string id, string? metadataJson)
    {
        var unchangedContent = RecordingIdentity.IsContentHash(id) && RecordingIdentity.Of(path, null) == id;
        if (!unchangedContent && ledger.Get(id) is not null)
        {
            var inbox = Inbox.Holding(inboxes, path);
            ledger.QueueNewRevision(id, path, metadataJson, inbox?.Source, inbox?.Hotwords);
            logger.LogInformation("Recording {RecordingId} at {Path} changed after it was taken; queued again as a new revision.", id, path);
            queued.Set();
        }
        ledger.RememberFile(path, size, modifiedTicks, id);
        return id;
    }

    /// <summary>Queues a file whose id is already known (an upload hashed while it was received).</summary>
    public string Accept(string path, long size, long modifiedTicks, string id, string? metadataJson)
    {
        var inbox = Inbox.Holding(inboxes, path);
        if (ledger.Enqueue(id, path, metadataJson, inbox?.Source, inbox?.Hotwords))
            logger.LogInformation("Queued recording {RecordingId} from {Path}.", id, path);
        else
            logger.LogInformation("Recording {RecordingId} from {Path} is already in the ledger; not queued again.", id, path);
        ledger.RememberFile(path, size, modifiedTicks, id);
        queued.Set();
        return id;
    }
}
