using FunAsr.Extractors;
using FunAsr.Ingest.Pipeline;
using FunAsr.Recognizer;
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
        var transcript = Recognized("我的卡号是六二二二零二一二三四五六七八九四好的", channel: 0, speaker: "customer");
        Assert.Equal("我的卡号是6222021234567894好的", transcript.Segments[0].Text);

        var findings = Extraction.Extract(transcript);

        var segment = Assert.Single(findings.Transcript.Segments);
        Assert.Equal("我的卡号是************7894好的", segment.Text);
        Assert.Equal("我的卡号是************七八九四好的", segment.RawText);
        Assert.Equal(segment.Text, findings.Transcript.Text);
        Assert.Equal(segment.RawText, findings.Transcript.RawText);
        Assert.Equal(["我", "的", "卡", "号", "是", .. Enumerable.Repeat("*", 12), "七", "八", "九", "四", "好", "的"], segment.Tokens.Select(t => t.Text));
        Assert.Contains("pci", findings.Tags);
        Assert.DoesNotContain(findings.Fields, f => f.Text.Contains("62220212", StringComparison.Ordinal) || f.ValueText.Contains("62220212", StringComparison.Ordinal));
    }

    [Fact]
    public void A_card_number_that_fails_the_luhn_check_is_left_alone()
    {
        var transcript = Recognized("我的卡号是六二二二零二一二三四五六七八九零好的", channel: 0, speaker: "customer");

        var findings = Extraction.Extract(transcript);

        Assert.Equal("我的卡号是6222021234567890好的", Assert.Single(findings.Transcript.Segments).Text);
        Assert.DoesNotContain("pci", findings.Tags);
    }

    [Fact]
    public void A_number_read_across_pauses_is_one_field_spanning_the_time_of_its_pieces()
    {
        var pieces = new[] { (0.0, "call me at one eight hundred"), (1.8, "four two three"), (3.0, "seven seven zero zero"), (9.0, "thanks") };
        var transcript = RecognizedPieces(pieces, "en", channel: 1, speaker: "customer");
        Assert.Equal(["call me at one 800", "423", "7700", "thanks"], transcript.Segments.Select(s => s.Text));

        var findings = Extraction.Extract(transcript);

        var phone = Assert.Single(findings.Fields, f => f.Type == "phone");
        Assert.Equal("+18004237700", phone.ValueText);
        Assert.Equal((1, "customer"), (phone.Channel, phone.Speaker));
        // "one" is token 3 of the first piece (0.3 s); the pieces are 1.2 s and 0.9 s apart, and the field ends with the last one.
        Assert.Equal(TimeSpan.FromSeconds(0.3), phone.StartTime);
        Assert.Equal(transcript.Segments[2].End, phone.EndTime);
        Assert.Equal(pieces.Select(p => p.Item2), findings.Transcript.Segments.Select(s => s.RawText));
    }

    [Fact]
    public void Segments_further_apart_than_the_join_gap_are_not_joined()
    {
        var transcript = RecognizedPieces([(0.0, "四零零"), (1.0, "八二零"), (2.0, "八八二零")], "zh", channel: 0, speaker: "agent");
        var rules = new Extractor(RuleSet.Load(RepoPaths.Of("rules")));

        Assert.Equal("4008208820", Assert.Single(new TranscriptExtraction(rules).Extract(transcript).Fields, f => f.Type == "phone").ValueText);
        Assert.DoesNotContain(new TranscriptExtraction(rules, TimeSpan.FromSeconds(0.5)).Extract(transcript).Fields, f => f.Type == "phone");
    }

    [Fact]
    public void Relative_days_resolve_against_the_call_date()
    {
        var transcript = Recognized("明天下午三点给您回电", channel: 0, speaker: "agent");

        var findings = Extraction.Extract(transcript, new DateOnly(2026, 3, 4));

        Assert.Equal("2026-03-05", Assert.Single(findings.Fields, f => f.Name == "date").ValueText);
        Assert.Equal("15:00", Assert.Single(findings.Fields, f => f.Name == "callback").ValueText);
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

    /// <summary>Segments cut by VAD from one speaker's speech: one token per spoken word (en) or character (zh), 0.1 s apart from each piece's start.</summary>
    private static Transcript RecognizedPieces(IEnumerable<(double Start, string Spoken)> pieces, string language, int channel, string? speaker)
    {
        var itn = InverseNormalizer.Create(ItnOptions.Default);
        var segments = new List<TranscriptSegment>();
        foreach (var (start, spoken) in pieces)
        {
            var units = language == "en" ? spoken.Split(' ') : spoken.Select(c => c.ToString()).ToArray();
            var tokens = new List<TranscriptToken>();
            var offset = 0;
            for (var i = 0; i < units.Length; i++)
            {
                tokens.Add(new TranscriptToken(units[i], TimeSpan.FromSeconds(start + i * 0.1), offset));
                offset += units[i].Length + (language == "en" ? 1 : 0);
            }
            var written = itn.Normalize(spoken, language);
            segments.Add(new TranscriptSegment(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(start + units.Length * 0.1), channel, speaker, language,
                written.Written, written.Spoken, tokens, written.Spans));
        }
        var end = segments[^1].End;
        return new Transcript(null, end, channel + 1, language, segments, string.Join("\n", segments.Select(s => s.Text)),
            string.Join("\n", segments.Select(s => s.RawText)), "cpu", "test");
    }
}
