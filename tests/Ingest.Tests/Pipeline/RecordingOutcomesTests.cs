using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>How a failed attempt ends: requeued after the retry policy's wait, or failed once the attempts are used up.</summary>
public sealed class RecordingOutcomesTests
{
    [Fact]
    public void A_recording_that_fails_before_any_attempt_was_counted_is_requeued_after_the_first_wait()
    {
        // `retry` resets the attempts of a recording whose transcript was kept; it is extracted again without transcribing.
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        settings.Pipeline.RetryBackoffSeconds = 60;
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        services.Ledger.Enqueue("CALL-1", "/calls/call-1.wav", null);
        var job = new RecordingJob(services.Ledger.ClaimNext(alone: true)!, RecordingMetadata.None);
        services.Outcomes.Claimed();

        services.Outcomes.Failed(job, "rule pack failed", permanent: false);

        var row = services.Ledger.Get("CALL-1")!;
        Assert.Equal((LedgerState.Queued, "rule pack failed"), (row.State, row.LastError));
        Assert.InRange(row.NextAttemptAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_recording_that_used_up_its_attempts_fails()
    {
        var settings = TestSettings.For(SpeechFixtures.TempDirectory());
        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        services.Ledger.Enqueue("CALL-2", "/calls/call-2.wav", null);
        var job = new RecordingJob(services.Ledger.ClaimNext(alone: true)!, RecordingMetadata.None) { Attempts = settings.Pipeline.MaxAttempts };
        services.Outcomes.Claimed();

        services.Outcomes.Failed(job, "model crashed", permanent: false);

        Assert.Equal(LedgerState.Failed, services.Ledger.Get("CALL-2")!.State);
    }
}
