using FunAsr.Recognizer.Decoding;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class HotwordOptionsTests
{
    [Fact]
    public void Lines_give_phrases_with_optional_scores_and_comments_and_blanks_are_skipped()
    {
        var phrases = HotwordOptions.Parse(["# products", "退款流程", "", "会员权益 :3.5", "  gold   membership  ", "▁GOLD ▁MEMBER SHIP :2"], "list.txt");

        Assert.Equal(
            [new Hotword("退款流程", null, "list.txt:2"), new Hotword("会员权益", 3.5f, "list.txt:4"),
             new Hotword("gold membership", null, "list.txt:5"), new Hotword("▁GOLD ▁MEMBER SHIP", 2f, "list.txt:6")],
            phrases);
    }

    [Fact]
    public void Every_bad_line_is_reported_with_its_number()
    {
        var error = Assert.Throws<HotwordFileException>(() => HotwordOptions.Parse(["退款 :abc", "ok", "会员 :-1", ":2", "▁HI #0.3"], "list.txt"));

        Assert.Equal(4, error.Problems.Count);
        Assert.StartsWith("list.txt:1: ':abc' is not a score", error.Problems[0]);
        Assert.StartsWith("list.txt:3: ':-1' is not a score", error.Problems[1]);
        Assert.Equal("list.txt:4: a score without a phrase.", error.Problems[2]);
        Assert.StartsWith("list.txt:5: '#0.3' is a sherpa-onnx keyword-spotting field", error.Problems[3]);
        Assert.Contains("list.txt:3:", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "hotwords.txt");

        var error = Assert.Throws<HotwordFileException>(() => HotwordOptions.Load(path));

        Assert.StartsWith(path + ": cannot read the hotword file", error.Message);
    }

    [Fact]
    public void The_sample_list_in_rules_loads()
    {
        var options = HotwordOptions.Load(FunAsr.Tests.Support.RepoPaths.Of("rules", "hotwords.txt"));

        Assert.NotEmpty(options.Phrases);
    }
}
