using System.Threading.Channels;
using FunAsr.Ingest.Ledger;
using FunAsr.Recognizer;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// File → transcript with <see cref="Transcriber.TranscribeFileAsync(string, TranscriptionRequest, CancellationToken)"/>:
/// the recording is decoded, resampled, cut by voice activity detection and recognized as it is read, so memory stays
/// bounded whatever its length. Several workers (<c>pipeline.decode_workers</c>) each transcribe one recording.
/// Speakers come from the recording's <c>channel_roles</c> metadata, else <c>recognizer.channel_roles</c>; hotwords from
/// its inbox and its own metadata (<see cref="RecordingJob.Hotwords"/>) extend the deployment list. Empty,
/// missing and undecodable files fail permanently (a retry cannot fix them); I/O errors and recognition failures are
/// retried. A recording resumed with the transcript the ledger kept goes straight on to extraction.
/// </summary>
internal sealed class TranscribeStage(Transcriber transcriber, RecordingOutcomes outcomes, RecordingLedger ledger, PipelineMetrics metrics)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, CancellationToken ct)
    {
        await foreach (var job in input.ReadAllAsync(ct))
        {
            if (job.Transcript is null)
            {
                Transcript? transcript;
                using (var timer = new StageTimer("transcribe", job, metrics))
                {
                    transcript = await TryTranscribeAsync(job, ct);
                    if (transcript is null) timer.Fail("not transcribed");
                }
                if (transcript is null) continue;
                job.Transcript = transcript with { SourcePath = job.Path };
                ledger.KeepTranscript(job.Id, KeptTranscript.Serialize(job.Transcript), transcript.ModelId);
            }
            await output.WriteAsync(job, ct);
        }
    }

    private async Task<Transcript?> TryTranscribeAsync(RecordingJob job, CancellationToken ct)
    {
        ledger.BeginAttempt(job.Id);
        job.Attempts++;
        try
        {
            var info = new FileInfo(job.Path);
            if (!info.Exists)
            {
                outcomes.Failed(job, $"{job.Path}: the file no longer exists", permanent: true);
                return null;
            }
            if (info.Length == 0)
            {
                outcomes.Failed(job, $"{job.Path}: the file is empty (0 bytes)", permanent: true);
                return null;
            }
            var transcript = await transcriber.TranscribeFileAsync(job.Path, new TranscriptionRequest { ChannelRoles = job.Metadata.ChannelRoles, Hotwords = job.Hotwords }, ct);
            if (transcript.Duration == TimeSpan.Zero)
            {
                outcomes.Failed(job, $"{job.Path}: the file decodes to no audio samples", permanent: true);
                return null;
            }
            return transcript;
        }
        catch (AudioFormatException ex)
        {
            outcomes.Failed(job, ex.Message, permanent: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            outcomes.Failed(job, $"{job.Path}: {ex.Message}", permanent: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            outcomes.Failed(job, $"recognition failed: {ex.Message}", permanent: false);
        }
        return null;
    }
}
