using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Records;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Claims due ledger rows into the first channel as <see cref="RecordingJob"/>s, waking on the intake's
/// <see cref="QueueSignal"/> or the poll interval. Everything a job needs comes from its row (metadata, inbox
/// hotwords, a kept transcript). A suspect of an earlier crash is claimed only when nothing else is in flight, and
/// nothing else is claimed until it is done.
/// </summary>
internal sealed class LedgerFeeder(PipelineParts parts, ILogger logger)
{
    /// <summary>Feeds until cancelled or, with <paramref name="once"/>, until the sources are done and nothing is pending.</summary>
    public async Task RunAsync(ChannelWriter<RecordingJob> output, Task sources, bool once, CancellationToken ct)
    {
        var poll = TimeSpan.FromSeconds(parts.Settings.PollSeconds);
        var suspectInFlight = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (sources.IsFaulted) await sources;
            var alone = parts.Outcomes.InFlight == 0;
            if (alone) suspectInFlight = false;
            if (!suspectInFlight && parts.Ledger.ClaimNext(alone) is { } entry)
            {
                parts.Outcomes.Claimed();
                suspectInFlight = entry.Suspect;
                var job = RecordingJob.FromRow(entry, parts.HotwordOptions);
                job.Transcript = KeptTranscriptOf(entry);
                await output.WriteAsync(job, ct);
                continue;
            }
            var wait = suspectInFlight ? TimeSpan.FromMilliseconds(100) : poll;
            if (once && sources.IsCompleted && parts.Outcomes.InFlight == 0)
            {
                var (pending, nextDue) = parts.Ledger.Pending();
                if (pending == 0) return;
                if (nextDue is { } due && due - DateTimeOffset.UtcNow is var untilDue && untilDue > TimeSpan.Zero && untilDue < wait)
                    wait = untilDue;
            }
            await parts.Queued.WaitAsync(wait, ct);
        }
    }

    /// <summary>The transcript the ledger kept for a recording resumed after recognition; null (transcribe again) if unreadable.</summary>
    private Transcript? KeptTranscriptOf(LedgerEntry entry)
    {
        if (entry.TranscriptJson is null) return null;
        try
        {
            return KeptTranscript.Deserialize(entry.TranscriptJson);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or NotSupportedException)
        {
            logger.LogWarning("The kept transcript of recording {RecordingId} cannot be read ({Reason}); transcribing it again.", entry.Id, ex.Message);
            return null;
        }
    }
}
