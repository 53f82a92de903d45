using System.Threading.Channels;
using FunAsr.Recognizer.Audio;

namespace FunAsr.Ingest.Pipeline.Stages;

/// <summary>
/// File → samples (16 kHz, every channel) with <see cref="AudioClip.Load"/>, several workers in parallel.
/// Empty, missing and undecodable files fail permanently (a retry cannot fix them); other I/O errors are retried.
/// </summary>
internal sealed class DecodeStage(RecordingOutcomes outcomes)
{
    public async Task RunAsync(ChannelReader<RecordingJob> input, ChannelWriter<RecordingJob> output, CancellationToken ct)
    {
        await foreach (var job in input.ReadAllAsync(ct))
        {
            if (await Task.Run(() => TryDecode(job), ct))
                await output.WriteAsync(job, ct);
        }
    }

    private bool TryDecode(RecordingJob job)
    {
        try
        {
            var info = new FileInfo(job.Path);
            if (!info.Exists)
            {
                outcomes.Failed(job, $"{job.Path}: the file no longer exists", permanent: true);
                return false;
            }
            if (info.Length == 0)
            {
                outcomes.Failed(job, $"{job.Path}: the file is empty (0 bytes)", permanent: true);
                return false;
            }
            job.Clip = AudioClip.Load(job.Path);
            if (job.Clip.FrameCount == 0)
            {
                outcomes.Failed(job, $"{job.Path}: the file decodes to no audio samples", permanent: true);
                return false;
            }
            return true;
        }
        catch (AudioFormatException ex)
        {
            outcomes.Failed(job, ex.Message, permanent: true);
        }
        catch (IOException ex)
        {
            outcomes.Failed(job, $"{job.Path}: {ex.Message}", permanent: false);
        }
        catch (UnauthorizedAccessException ex)
        {
            outcomes.Failed(job, $"{job.Path}: {ex.Message}", permanent: false);
        }
        return false;
    }
}
