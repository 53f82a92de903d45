using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Sources;

/// <summary>
/// The intake on a real ledger file and real recordings: the row it writes holds everything the pipeline needs (the
/// sidecar metadata, the source and its inbox hotwords), once per recording; a changed file is a new revision.
/// </summary>
public sealed class RecordingIntakeTests
{
    private readonly string _root = SpeechFixtures.TempDirectory();

    [Fact]
    public void A_recording_row_holds_its_sidecar_metadata_and_the_deepest_inboxs_source_and_hotwords()
    {
        var (intake, ledger, queued) = Intake(
            new Inbox("folder", Path.Combine(_root, "inbox"), [new Hotword("惠民套餐")]),
            new Inbox("upload", Path.Combine(_root, "inbox", "uploads"), [new Hotword("青果会员", 3.5f)]));
        var inFolder = Recording(Path.Combine("inbox", "a", "call.wav"), "folder call");
        var uploaded = Recording(Path.Combine("inbox", "uploads", "x.wav"), "uploaded call");
        File.WriteAllText(uploaded + ".json", """{"call_id": "CALL-9", "agent": "A7", "hotwords": ["合约机 :2"]}""");
        var elsewhere = Recording(Path.Combine("elsewhere", "call.wav"), "other call");

        var folderId = intake.Offer(inFolder)!;
        var uploadId = intake.Offer(uploaded)!;
        var otherId = intake.Offer(elsewhere)!;

        var folderRow = ledger.Get(folderId)!;
        Assert.Equal(("folder", null), (folderRow.Source, folderRow.MetadataJson));
        Assert.Equal(["惠民套餐"], folderRow.InboxHotwords.Select(h => h.Phrase));
        var uploadRow = ledger.Get(uploadId)!;
        Assert.Equal("CALL-9", uploadId);
        Assert.Equal("upload", uploadRow.Source);
        Assert.Equal([("青果会员", (float?)3.5f)], uploadRow.InboxHotwords.Select(h => (h.Phrase, h.Score)));
        var metadata = SidecarFile.Parse(uploadRow.MetadataJson!, "row");
        Assert.Equal("A7", metadata.Agent);
        Assert.Equal(["合约机 :2"], metadata.Hotwords!);
        Assert.Equal((null, 0), (ledger.Get(otherId)!.Source, ledger.Get(otherId)!.InboxHotwords.Count));
        Assert.True(queued.WaitAsync(TimeSpan.Zero, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void The_same_file_offered_again_is_one_row_and_a_changed_file_is_a_new_revision_of_the_same_recording()
    {
        var (intake, ledger, _) = Intake(new Inbox("folder", Path.Combine(_root, "inbox"), []));
        var path = Recording(Path.Combine("inbox", "call.wav"), "first take");

        var id = intake.Offer(path)!;
        Assert.True(intake.IsKnownVersion(path));
        Assert.Equal(id, intake.Offer(path));
        File.AppendAllText(path, " and more");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
        Assert.False(intake.IsKnownVersion(path));
        Assert.Equal(id, intake.Offer(path));

        var row = ledger.Get(id)!;
        Assert.Equal((LedgerState.Queued, 1, "folder"), (row.State, row.Revision, row.Source));
        Assert.Equal(1, ledger.Counts().ByState[LedgerState.Queued]);
    }

    [Fact]
    public void A_recording_with_an_unreadable_sidecar_is_failed_and_quarantined_with_the_reason()
    {
        var (intake, ledger, _) = Intake(new Inbox("folder", Path.Combine(_root, "inbox"), []));
        var path = Recording(Path.Combine("inbox", "bad.wav"), "bad sidecar");
        File.WriteAllText(path + ".json", """{"call_id": "CALL-1",""");

        var id = intake.Offer(path)!;

        var row = ledger.Get(id)!;
        Assert.Equal(LedgerState.Failed, row.State);
        Assert.Contains("bad.wav.json:", row.LastError);
        Assert.True(File.Exists(path));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "data", "quarantine"), "*.error.txt", SearchOption.AllDirectories));
    }

    private (RecordingIntake Intake, RecordingLedger Ledger, QueueSignal Queued) Intake(params Inbox[] inboxes)
    {
        var ledger = new RecordingLedger(Path.Combine(_root, "data", "ledger.db"));
        var quarantine = new Quarantine(Path.Combine(_root, "data", "quarantine"), NullLogger<Quarantine>.Instance);
        var queued = new QueueSignal();
        return (new RecordingIntake(ledger, quarantine, inboxes, queued, NullLogger<RecordingIntake>.Instance), ledger, queued);
    }

    private string Recording(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
