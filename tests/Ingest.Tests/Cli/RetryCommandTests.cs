using System.CommandLine;
using FunAsr.Ingest.Cli;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// <c>retry</c>: a recording Elasticsearch rejected (a mapping error) is re-queued for delivery once the mapping is
/// fixed, with its attempts reset; <c>--sink</c> and <c>--id</c> narrow the choice.
/// </summary>
public sealed class RetryCommandTests
{
    private readonly string _root = SpeechFixtures.TempDirectory();

    [Fact]
    public async Task Failed_recordings_are_re_queued_with_attempts_reset_and_sink_and_id_narrow_the_choice()
    {
        var ledger = Ledger();
        Fail(ledger, "CALL-1", "elasticsearch funasr-transcripts/CALL-1: mapper_parsing_exception: failed to parse field [duration]");
        Fail(ledger, "CALL-2", "elasticsearch funasr-transcripts/CALL-2: mapper_parsing_exception: failed to parse field [duration]");
        Fail(ledger, "CALL-3", "audio: not a WAV file");
        ledger.Enqueue("CALL-4", "/calls/CALL-4.wav", null);

        var (code, stdout) = await InvokeAsync("--failed", "--sink", "elasticsearch", "--id", "CALL-2", "--id", "CALL-4");

        Assert.Equal(0, code);
        Assert.Contains("Re-queued 1 recording(s): CALL-2.", stdout);
        Assert.Contains("Not re-queued (unknown, or not failed): CALL-4.", stdout);
        var retried = ledger.Get("CALL-2")!;
        Assert.Equal((LedgerState.Queued, 0, null), (retried.State, retried.Attempts, retried.NextAttemptAt));
        Assert.StartsWith("retry requested; it failed with: elasticsearch ", retried.LastError);
        Assert.Equal(LedgerState.Failed, ledger.Get("CALL-1")!.State);

        (code, stdout) = await InvokeAsync("--failed", "--sink", "elasticsearch");

        Assert.Equal(0, code);
        Assert.Contains("Re-queued 1 recording(s): CALL-1.", stdout);
        Assert.Equal(LedgerState.Failed, ledger.Get("CALL-3")!.State);
    }

    [Fact]
    public async Task Without_failed_or_an_id_it_asks_which()
    {
        Ledger();

        var (code, _) = await InvokeAsync();

        Assert.Equal(2, code);
    }

    private RecordingLedger Ledger() => new(Path.Combine(_root, "data", "ledger.db"));

    private static void Fail(RecordingLedger ledger, string id, string reason)
    {
        ledger.Enqueue(id, $"/calls/{id}.wav", null);
        ledger.ClaimNext(alone: true);
        ledger.MarkFailed(id, reason);
    }

    private async Task<(int Code, string Stdout)> InvokeAsync(params string[] args)
    {
        var config = Path.Combine(_root, "funasr-pipeline.yaml");
        File.WriteAllText(config, $"data_dir: {Path.Combine(_root, "data")}\n");
        var root = new RootCommand { RetryCommand.Create() };
        var stdout = new StringWriter();
        var code = await root.Parse(["retry", .. args, "--config", config]).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = new StringWriter() });
        return (code, stdout.ToString());
    }
}
