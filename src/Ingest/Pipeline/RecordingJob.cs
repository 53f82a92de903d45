using System.Diagnostics;
using FunAsr.Ingest.Ledger;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Pipeline;

/// <summary>One claimed recording travelling through the stages; each stage fills in its part.</summary>
internal sealed class RecordingJob(LedgerEntry entry, RecordingMetadata metadata)
{
    public LedgerEntry Entry { get; } = entry;

    public RecordingMetadata Metadata { get; } = metadata;

    /// <summary>This recording's inbox and own hotwords (extending the deployment list); null when it has none.</summary>
    public HotwordOptions? Hotwords { get; init; }

    /// <summary>Tries used so far, this one included once transcription has started.</summary>
    public int Attempts { get; set; } = entry.Attempts;

    public string Id => Entry.Id;

    public string Path => Entry.Path;

    /// <summary>Wall-clock time since the claim; its value at delivery is the processing time.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public Transcript? Transcript { get; set; }

    public RecordingDocument? Document { get; set; }

    /// <summary>The root span of this recording's trace (<see cref="PipelineTracing"/>); null when nobody listens.</summary>
    public Activity? Trace { get; init; }

    /// <summary>The job for a claimed ledger row: its metadata, and its inbox plus sidecar hotwords as options.</summary>
    /// <exception cref="FormatException">The row's metadata or its hotwords are malformed.</exception>
    public static RecordingJob FromRow(LedgerEntry entry, Func<IReadOnlyList<Hotword>, HotwordOptions> hotwordOptions)
    {
        var origin = $"metadata of {entry.Path}";
        var metadata = entry.MetadataJson is null ? RecordingMetadata.None : SidecarFile.Parse(entry.MetadataJson, origin);
        IReadOnlyList<Hotword> hotwords = [.. entry.InboxHotwords, .. SidecarFile.HotwordsOf(metadata, origin)];
        return new RecordingJob(entry, metadata)
        {
            Hotwords = hotwords.Count == 0 ? null : hotwordOptions(hotwords),
            Trace = PipelineTracing.StartRecording(entry.Id, entry.Path),
        };
    }
}
