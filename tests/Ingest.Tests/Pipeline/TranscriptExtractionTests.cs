using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;
using FunAsr.Recognizer;
using FunAsr.Recognizer.Itn;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// The shared transcript → fields step with the repository's rule pack and the real ITN: field times come from the
/// tokens through the ITN spans, and redactions reach the spoken form, the tokens and the fields.
/// </summary>
public sealed class TranscriptExtractionTests
{
    private static readonly TranscriptExtraction Extraction = new(new Extractor(RuleSet.Load(RepoPaths.Of("rules"))));

    [Fact]
    public void A_phone_number_field_gets_the_audio_time_of_its_spoken_digits_and_the_segment_channel()
    {
        var transcript = Recognized("我的电话是一三八一二三四五六七八谢谢", channel: 1, speaker: "customer");

        var findings = Extraction.Extract(transcript);

        var phone = Assert.Single(findings.Fields, f => f.Type == "phone");
        Assert.Equal("13812345678", phone.Text);
        Assert.Equal((1, "customer"), (phone.Channel, phone.Speaker));
        // Token i starts at 10 s + i × 0.1 s; the digits are tokens 5..15 and 谢 (token 16) starts after them.
        Assert.Equal(TimeSpan.FromSeconds(10.5), phone.StartTime);
        Assert.Equal(TimeSpan.FromSeconds(11.6), phone.EndTime);
    }

    [Fact]
    public void A_redacted_card_number_is_masked_in_text_raw_text_tokens_and_fields_keeping_the_last_four_digits()
    {
        var transcript = Recognized("我的卡号是六二二二零二一二三四五六七八九零好的", channel: 0, speaker: "customer");
        Assert.Equal("我的卡号是6222021234567890好的", transcript.Segments[0].Text);

        var findings = Extraction.Extract(transcript);

        var segment = Assert.Single(findings.Transcript.Segments);
        Assert.Equal("我的卡号是************7890好的", segment.Text);
        Assert.Equal("我的卡号是************七八九零好的", segment.RawText);
        Assert.Equal(segment.Text, findings.Transcript.Text);
        Assert.Equal(segment.RawText, findings.Transcript.RawText);
        Assert.Equal(["我", "的", "卡", "号", "是", .. Enumerable.Repeat("*", 12), "七", "八", "九", "零", "好", "的"], segment.Tokens.Select(t => t.Text));
        Assert.Contains("pci", findings.Tags);
        Assert.DoesNotContain(findings.Fields, f => f.Text.Contains("62220212", StringComparison.Ordinal) || f.ValueText.Contains("62220212", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_rules_the_transcript_comes_back_unchanged_with_the_call_metrics()
    {
        var transcript = Recognized("我的卡号是六二二二零二一二三四五六七八九零", channel: 0, speaker: null);

        var findings = new TranscriptExtraction(null).Extract(transcript);

        Assert.Same(transcript, findings.Transcript);
        Assert.Empty(findings.Fields);
        Assert.Equal(1, findings.Metrics["segments"]);
    }

    /// <summary>A one-segment transcript as the recognizer makes it: one token per spoken character, 0.1 s apart from 10 s, then ITN.</summary>
    private static Transcript Recognized(string spoken, int channel, string? speaker)
    {
        var itn = InverseNormalizer.Create(ItnOptions.Default).Normalize(spoken, "zh");
        var tokens = spoken.Select((c, i) => new TranscriptToken(c.ToString(), TimeSpan.FromMilliseconds(10_000 + i * 100), i)).ToList();
        var end = TimeSpan.FromMilliseconds(10_000 + spoken.Length * 100);
        var segment = new TranscriptSegment(TimeSpan.FromSeconds(10), end, channel, speaker, "zh", itn.Written, itn.Spoken, tokens, itn.Spans);
        return new Transcript(null, end, channel + 1, "zh", [segment], segment.Text, segment.RawText, "cpu", "test");
    }
}
