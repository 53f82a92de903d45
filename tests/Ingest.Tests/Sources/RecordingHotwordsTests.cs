using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sources;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Sources.Upload;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Ingest.Records;

namespace FunAsr.Ingest.Tests.Sources;

public sealed class RecordingHotwordsTests
{
    [Fact]
    public void A_recording_gets_its_deepest_inboxs_list_then_its_own_scored_as_configured()
    {
        var root = SpeechFixtures.TempDirectory();
        File.WriteAllText(Path.Combine(root, "inbox.txt"), "惠民套餐\n");
        File.WriteAllText(Path.Combine(root, "uploads.txt"), "青果会员 :3.5\n");
        var settings = new IngestSettings
        {
            Hotwords = new HotwordSettings { Score = 1.5f, BeamSize = 12 },
            Sources =
            [
                new FolderSourceOptions { Path = Path.Combine(root, "inbox"), Hotwords = Path.Combine(root, "inbox.txt") },
                new UploadSourceOptions { Directory = Path.Combine(root, "inbox", "uploads"), Hotwords = Path.Combine(root, "uploads.txt") },
            ],
        };
        var hotwords = new RecordingHotwords(settings);
        var own = SidecarFile.Parse("""{"hotwords": ["合约机 :2"]}""", "call.wav.json");

        var folder = hotwords.For(Path.Combine(root, "inbox", "a", "call.wav"), RecordingMetadata.None)!;
        var upload = hotwords.For(Path.Combine(root, "inbox", "uploads", "x.wav"), own)!;

        Assert.Equal(["惠民套餐"], folder.Phrases.Select(p => p.Phrase));
        Assert.Equal([("青果会员", 3.5f), ("合约机", 2f)], upload.Phrases.Select(p => (p.Phrase, p.Score!.Value)));
        Assert.Equal((1.5f, 12), (upload.ScorePerToken, upload.BeamSize));
        Assert.Null(hotwords.For(Path.Combine(root, "elsewhere", "call.wav"), RecordingMetadata.None));
    }

    [Fact]
    public void A_malformed_sidecar_hotword_names_its_entry_and_from_rules_adds_the_rule_literals()
    {
        var ex = Assert.Throws<FormatException>(() => SidecarFile.Parse("""{"hotwords": ["退款流程", "会员权益 :x"]}""", "call.wav.json"));
        Assert.Contains("call.wav.json hotwords:2: ':x' is not a score", ex.Message);

        var options = new HotwordSettings { FromRules = true }.Options(["退款", "refund"])!;
        Assert.Equal(["退款", "refund"], options.Phrases.Select(p => p.Phrase));
        Assert.Null(new HotwordSettings().Options(["退款"]));
    }
}
