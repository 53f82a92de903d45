namespace FunAsr.Extractors.Tests.Extraction;

public sealed class ExtractorTests
{
    [Fact]
    public void A_catastrophic_pattern_times_out_and_is_reported_while_other_rules_still_run()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: runaway
                engine: backtracking
                timeout_ms: 50
                match: "(.*a){30}$"
              - id: number
                match: "%{INT:n:int}"
            """);
        var text = new string('a', 68) + "b 42";
        var result = new Extractor(rules).Extract(new ExtractionInput(text));
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("runaway", "regex_timeout"), (failure.RuleId, failure.Kind));
        var field = Assert.Single(result.Fields);
        Assert.Equal(("number", 42L), (field.RuleId, field.Value));
    }

    [Fact]
    public void Fields_carry_offsets_rule_version_and_audio_time_from_the_span_mapping()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: phone
                match: "%{CN_MOBILE:phone}"
                fields: { phone: phone }
            """);
        var input = new ExtractionInput("请打13812345678", Speaker: "customer", Channel: 1,
            TimeOfSpan: (start, length) => (TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(start + length)));
        var field = Assert.Single(new Extractor(rules).Extract(input).Fields);
        Assert.Equal((2, 11, "13812345678"), (field.Start, field.Length, field.Text));
        Assert.Equal("+8613812345678", field.ValueText);
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(13)), (field.StartTime, field.EndTime));
        Assert.Equal((1, "customer"), (field.Channel, field.Speaker));
        Assert.Equal(rules.Rules[0].Version, field.RuleVersion);
    }

    [Fact]
    public void When_conditions_scope_alerts_and_fields_present_are_applied()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: amount
                scope: any
                match: "%{MONEY:amount}"
                fields: { amount: money }
              - id: big_refund
                scope: transcript
                match: "退款"
                when: { fields_present: [amount], speaker: customer, metrics: { anger: { gt: 0.5 } } }
                tags: [refund]
                alert: { severity: high, message: "Refund of {amount} requested ({rule})" }
            """);
        var extractor = new Extractor(rules);
        var metrics = new Dictionary<string, double> { ["anger"] = 0.9 };
        var segment = extractor.Extract(new ExtractionInput("我要退款300元", "customer", Metrics: metrics));
        Assert.Empty(segment.Alerts);
        var transcript = extractor.Extract(new ExtractionInput("我要退款300元", "customer", Metrics: metrics) { Scope = ExtractionScope.Transcript });
        var alert = Assert.Single(transcript.Alerts);
        Assert.Equal(("high", "Refund of 300.00 CNY requested (big_refund)"), (alert.Severity, alert.Message));
        Assert.Equal(["refund"], transcript.Tags);
        var calm = extractor.Extract(new ExtractionInput("我要退款300元", "customer", Metrics: new Dictionary<string, double> { ["anger"] = 0.1 }) { Scope = ExtractionScope.Transcript });
        Assert.Empty(calm.Alerts);
    }

    [Fact]
    public void Redaction_masks_in_place_so_offsets_hold()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: card
                match: "%{CARD_NUMBER:card}"
                redact: { keep_last: 4 }
            """);
        var result = new Extractor(rules).Extract(new ExtractionInput("card 4111 1111 1111 1111 ok"));
        Assert.Equal("card **** **** **** 1111 ok", result.RedactedText);
    }

    [Fact]
    public void Unmatched_text_gives_an_empty_result()
    {
        var rules = RuleSet.Parse("rules:\n  - id: n\n    match: \"%{INT:n}\"\n");
        var result = new Extractor(rules).Extract(new ExtractionInput("没有数字"));
        Assert.Empty(result.Fields);
        Assert.Empty(result.Failures);
        Assert.Equal("没有数字", result.RedactedText);
    }

    [Fact]
    public void Mode_all_keeps_the_earlier_expressions_spans_and_adds_the_others_in_text_order()
    {
        var rules = RuleSet.Parse("""
            rules:
              - id: codes
                mode: all
                match:
                  - "(?<long>[A-Z]{2}[0-9]{3})"
                  - "(?<short>[0-9]{2})"
            """);
        var text = string.Concat(Enumerable.Repeat("AB123 45 x 67 CD890 ", 2000));

        var fields = new Extractor(rules).Extract(new ExtractionInput(text)).Fields;

        Assert.Equal(8000, fields.Count);
        Assert.Equal(["AB123", "45", "67", "CD890"], fields.Take(4).Select(f => f.Text));
        Assert.Equal(fields.OrderBy(f => f.Start).Select(f => f.Start), fields.Select(f => f.Start));
    }

    [Fact]
    public void A_cancelled_token_stops_extraction()
    {
        var rules = RuleSet.Parse("rules:\n  - id: n\n    mode: all\n    match: \"%{INT:n}\"\n");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Extractor(rules).Extract(new ExtractionInput("1 2 3"), cancelled.Token));
    }
}
