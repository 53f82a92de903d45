using System.Text.RegularExpressions;
using FunAsr.Extractors.Grok;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Normalizers;
using FunAsr.Extractors.Rules.Validation;

namespace FunAsr.Extractors;

/// <summary>
/// Runs a <see cref="RuleSet"/> over text. Thread-safe. Call it once per transcript segment (scope
/// <see cref="ExtractionScope.Segment"/>, with the segment's speaker, channel and time mapping) and once over the
/// whole transcript (<see cref="ExtractionScope.Transcript"/>); each rule runs on the scope it declares. Never throws
/// on text: a rule that times out is reported in <see cref="ExtractionResult.Failures"/> and the others still run.
/// Time is linear in the text length (each regex scans it once; overlap checks are binary searches).
/// A match whose field fails its <c>validate:</c> check is dropped, as is one its speaker corrects
/// (<c>corrected_by:</c>); where rules read one span as fields of the same type, one is kept (see <see cref="OneFieldPerSpan"/>).
/// </summary>
public sealed class Extractor
{
    private readonly RulePlan[] _ordered;
    private readonly CombinedPrefilter _prefilter;

    /// <summary>Creates an extractor for <paramref name="rules"/>.</summary>
    public Extractor(RuleSet rules)
    {
        Rules = rules;
        // Rules that depend on other fields (when.fields_present) run after the rest.
        _ordered = Plans(rules.Rules.OrderBy(r => r.When.FieldsPresent.Count > 0 ? 1 : 0));
        _prefilter = new CombinedPrefilter(_ordered.SelectMany(p => p.ScannedExpressions));
    }

    /// <summary>The rule set this extractor runs.</summary>
    public RuleSet Rules { get; }

    /// <summary>Runs every applicable rule over <paramref name="input"/>.</summary>
    /// <param name="input">The text and what is known about it.</param>
    /// <param name="cancellationToken">Checked between rules and between matches (a caller's deadline, a client that left).</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ExtractionResult Extract(ExtractionInput input, CancellationToken cancellationToken = default) => Run(input, _ordered, _prefilter, cancellationToken);

    /// <summary>Runs only <paramref name="rule"/> (its scope and conditions still apply); used by rule examples.</summary>
    public ExtractionResult ExtractWith(Rule rule, ExtractionInput input)
    {
        var plans = Plans([rule]);
        return Run(input, plans, new CombinedPrefilter(plans[0].ScannedExpressions), CancellationToken.None);
    }

    private static RulePlan[] Plans(IEnumerable<Rule> rules)
    {
        var plans = new List<RulePlan>();
        var next = 0;
        foreach (var rule in rules)
        {
            plans.Add(new RulePlan(rule, next));
            next += plans[^1].ScannedExpressions.Length;
        }
        return [.. plans];
    }

    private static ExtractionResult Run(ExtractionInput input, RulePlan[] plans, CombinedPrefilter prefilter, CancellationToken cancellationToken)
    {
        // Which required literal sets this text holds, each searched the first time an expression needs it.
        Span<byte> searched = prefilter.SetCount <= 512 ? stackalloc byte[prefilter.SetCount] : new byte[prefilter.SetCount];
        Span<ulong> characters = stackalloc ulong[CharacterBits.Words];
        List<ExtractedField>? fields = null;
        List<string>? tags = null;
        List<RuleAlert>? alerts = null;
        List<ExtractionFailure>? failures = null;
        List<(int, int, RedactSpec)>? redactions = null;
        foreach (var plan in plans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rule = plan.Rule;
            if ((rule.Scope is { } scope && scope != input.Scope)
                || (plan.Conditional && (!rule.When.Admits(input) || !AllPresent(rule.When.FieldsPresent, fields))))
            {
                continue;
            }
            List<(GrokMatch Match, int Expression)>? matches;
            try
            {
                matches = plan.TestOnly ? null : Matches(plan, input.Text, prefilter, searched, characters, cancellationToken);
                if (plan.TestOnly ? !AnyMatch(plan, input.Text, prefilter, searched, characters) : matches is not { Count: > 0 })
                {
                    continue;
                }
            }
            catch (RegexMatchTimeoutException e)
            {
                (failures ??= []).Add(new ExtractionFailure(rule.Id, "regex_timeout",
                    $"pattern `{e.Pattern.Length switch { > 120 => e.Pattern[..120] + "…", _ => e.Pattern }}` ran past {e.MatchTimeout.TotalMilliseconds:F0} ms"));
                continue;
            }
            var ruleFields = new List<ExtractedField>();
            if (matches is not null)
            {
                foreach (var (match, expression) in matches)
                {
                    AddFields(ruleFields, plan, match, expression, input, ref failures);
                    if (rule.Redact is { } redact)
                    {
                        AddRedactedSpans(redactions ??= [], plan, match, expression, redact);
                    }
                }
            }
            fields ??= [];
            fields.AddRange(ruleFields);
            tags ??= [];
            for (var t = 0; t < rule.Tags.Count; t++)
            {
                if (!tags.Contains(rule.Tags[t]))
                {
                    tags.Add(rule.Tags[t]);
                }
            }
            if (rule.Alert is { } alert)
            {
                // A test-only rule's alert has no {text}, so the matched text is never read.
                (alerts ??= []).Add(new RuleAlert(rule.Id, alert.Severity,
                    AlertTemplate.Fill(alert.Message, rule.Id, matches?[0].Match.Value ?? "", ruleFields, fields), ruleFields));
            }
        }
        return new ExtractionResult(fields is null ? [] : OneFieldPerSpan(fields), tags ?? [], alerts ?? [], failures ?? [],
            redactions is null ? input.Text : Redactor.Apply(input.Text, redactions));
    }

    private static bool AllPresent(IReadOnlyList<string> names, List<ExtractedField>? fields)
    {
        foreach (var name in names)
        {
            if (fields is null || !fields.Exists(f => f.Name == name))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AnyMatch(RulePlan plan, string text, CombinedPrefilter prefilter, Span<byte> searched, Span<ulong> characters)
    {
        var expressions = plan.ScannedExpressions;
        for (var e = 0; e < expressions.Length; e++)
        {
            if (prefilter.MayMatch(plan.FirstExpression + e, text, searched, characters) && expressions[e].IsMatch(text, prefiltered: true))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The rule's matches, left to right: its first valid match, or (<c>mode: all</c>) every valid match of every
    /// expression that overlaps none taken by an earlier expression, less those its speaker corrects. The taken list
    /// stays sorted and disjoint, so each check is a binary search and each expression's matches are merged in once.
    /// Null when there is none.
    /// </summary>
    private static List<(GrokMatch Match, int Expression)>? Matches(RulePlan plan, string text, CombinedPrefilter prefilter, Span<byte> searched, Span<ulong> characters, CancellationToken cancellationToken)
    {
        var rule = plan.Rule;
        if (!rule.MatchAll)
        {
            return FirstValid(plan, text, prefilter, searched, characters, cancellationToken);
        }
        // Most rules find nothing in most texts: the lists are made only for a match.
        List<(GrokMatch Match, int Expression)>? taken = null;
        var expressions = plan.Expressions;
        for (var e = 0; e < expressions.Length; e++)
        {
            if (!prefilter.MayMatch(plan.FirstExpression + e, text, searched, characters))
            {
                continue;
            }
            List<(GrokMatch Match, int Expression)>? added = null;
            foreach (var match in expressions[e].Matches(text, cancellationToken, prefiltered: true))
            {
                if (match.Length > 0 && (taken is null || !Overlaps(taken, match)) && Valid(plan, match, e))
                {
                    (added ??= []).Add((match, e));
                }
            }
            taken = added is null ? taken : taken is null ? added : Merge(taken, added);
        }
        return taken is null ? null : rule.CorrectedBy is { } correction ? WithoutCorrected(taken, plan, correction, text) : taken;
    }

    /// <summary>
    /// A first-match rule's match: the first valid match of its first expression that has one. Usually the first
    /// match is it, so the text is scanned once and no match list is built; only when the first is empty or invalid
    /// are the expression's later matches read.
    /// </summary>
    private static List<(GrokMatch Match, int Expression)>? FirstValid(RulePlan plan, string text, CombinedPrefilter prefilter, Span<byte> searched, Span<ulong> characters, CancellationToken cancellationToken)
    {
        var expressions = plan.Expressions;
        for (var e = 0; e < expressions.Length; e++)
        {
            if (!prefilter.MayMatch(plan.FirstExpression + e, text, searched, characters) || expressions[e].Match(text, prefiltered: true) is not { } first)
            {
                continue;
            }
            if (first.Length > 0 && Valid(plan, first, e))
            {
                return [(first, e)];
            }
            foreach (var match in expressions[e].Matches(text, cancellationToken, prefiltered: true))
            {
                if (match.Length > 0 && Valid(plan, match, e))
                {
                    return [(match, e)];
                }
            }
        }
        return null;
    }

    private static bool Valid(RulePlan plan, GrokMatch match, int expression)
    {
        var declared = plan.DeclaredFields[expression];
        for (var i = 0; i < match.Values.Count; i++)
        {
            if (declared[i] is { Validation: not FieldValidation.None } field && match.Values[i].Text is { Length: > 0 } value && !FieldValidator.Passes(field, value))
            {
                return false;
            }
        }
        return true;
    }

    private static List<(GrokMatch Match, int Expression)> WithoutCorrected(List<(GrokMatch Match, int Expression)> matches, RulePlan plan, GrokExpression correction, string text)
    {
        var kept = new List<(GrokMatch Match, int Expression)>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var end = matches[i].Match.Index + matches[i].Match.Length;
            var next = i + 1 < matches.Count ? matches[i + 1].Match.Index : text.Length;
            if (i + 1 < matches.Count && correction.IsMatch(text[end..next]))
            {
                continue;
            }
            kept.Add(TailCorrected(matches[i], plan, correction, text, next) ?? matches[i]);
        }
        return kept;
    }

    /// <summary>
    /// "…0123 sorry I mean 0124", "…5678 不对 最后四位是5679": a correction followed by fewer digits than the match
    /// holds replaces its last digits; the match is read again with them (same span, corrected text).
    /// </summary>
    private static (GrokMatch Match, int Expression)? TailCorrected((GrokMatch Match, int Expression) taken, RulePlan plan, GrokExpression correction, string text, int limit)
    {
        var (match, expression) = taken;
        var end = match.Index + match.Length;
        // The digits start where the correction's words end (those may hold digits: 最后四位是…).
        var start = end;
        while (start < limit && (SpokenDigit(text[start]) < 0 || !correction.IsMatch(text[end..start])))
        {
            start++;
        }
        var tail = new List<char>();
        for (var k = start; k < limit && SpokenDigit(text[k]) is >= 0 and var d; k++)
        {
            tail.Add((char)('0' + d));
        }
        var positions = Enumerable.Range(match.Index, match.Length).Where(k => char.IsAsciiDigit(text[k])).ToList();
        if (tail.Count == 0 || tail.Count >= positions.Count)
        {
            return null;
        }
        var chars = text.ToCharArray();
        for (var k = 0; k < tail.Count; k++)
        {
            chars[positions[positions.Count - tail.Count + k]] = tail[k];
        }
        return plan.Expressions[expression].Match(new string(chars), match.Index) is { } corrected
               && corrected.Index == match.Index && corrected.Length == match.Length && Valid(plan, corrected, expression)
            ? (corrected, expression)
            : null;
    }

    /// <summary>Whether <paramref name="match"/> overlaps any of <paramref name="taken"/> (sorted, disjoint).</summary>
    private static bool Overlaps(List<(GrokMatch Match, int Expression)> taken, GrokMatch match)
    {
        // The first taken span ending after the match starts is the only one that can overlap it.
        int low = 0, high = taken.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            var m = taken[middle].Match;
            if (m.Index + m.Length <= match.Index)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low < taken.Count && taken[low].Match.Index < match.Index + match.Length;
    }

    private static List<(GrokMatch Match, int Expression)> Merge(List<(GrokMatch Match, int Expression)> a, List<(GrokMatch Match, int Expression)> b)
    {
        var merged = new List<(GrokMatch Match, int Expression)>(a.Count + b.Count);
        int i = 0, j = 0;
        while (i < a.Count || j < b.Count)
        {
            merged.Add(j == b.Count || (i < a.Count && a[i].Match.Index <= b[j].Match.Index) ? a[i++] : b[j++]);
        }
        return merged;
    }

    private static int SpokenDigit(char c) => char.IsAsciiDigit(c) ? c - '0' : "零一二三四五六七八九".IndexOf(c) is >= 0 and var d ? d : c == '幺' ? 1 : -1;

    /// <summary>
    /// Of fields of one type from different rules whose spans overlap (the same digits read by the zh and the en phone
    /// plan, one clock time by the zh and the en time rules when the language is not known), keeps one: for phones the
    /// most specific plan, else the longer match, else the earlier rule.
    /// </summary>
    private static List<ExtractedField> OneFieldPerSpan(List<ExtractedField> fields)
    {
        // Usually nothing is beaten: the list is copied only from the first field that is.
        List<ExtractedField>? kept = null;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            var beaten = false;
            for (var j = 0; j < fields.Count && !beaten; j++)
            {
                var other = fields[j];
                beaten = j != i && other.RuleId != field.RuleId && other.Type == field.Type
                    && other.Start < field.Start + field.Length && field.Start < other.Start + other.Length
                    && Precedence(other, j).CompareTo(Precedence(field, i)) > 0;
            }
            if (beaten)
            {
                kept ??= fields.GetRange(0, i);
            }
            else
            {
                kept?.Add(field);
            }
        }
        return kept ?? fields;
    }

    private static (int Specificity, int Length, int Order) Precedence(ExtractedField field, int index) =>
        (field.Value is PhoneNumber number ? PhonePlan.Specificity(number) : 0, field.Length, -index);

    private static void AddFields(List<ExtractedField> into, RulePlan plan, GrokMatch match, int expression, ExtractionInput input, ref List<ExtractionFailure>? failures)
    {
        var rule = plan.Rule;
        var declaredFields = plan.DeclaredFields[expression];
        for (var i = 0; i < match.Values.Count; i++)
        {
            var value = match.Values[i];
            if (string.IsNullOrEmpty(value.Text))
            {
                continue;
            }
            var name = value.Capture.DottedName;
            var declared = declaredFields[i];
            object? normalized;
            string type;
            if (declared is null)
            {
                normalized = value.Converted;
                type = normalized switch { long => "int", double => "float", bool => "bool", _ => "string" };
            }
            else
            {
                type = declared.TypeName;
                normalized = FieldNormalizer.Normalize(declared, value.Text, input.ReferenceDate);
                if (normalized is null)
                {
                    (failures ??= []).Add(new ExtractionFailure(rule.Id, "normalize_failed", $"field `{name}`: `{value.Text}` is not a {type}"));
                    normalized = value.Text;
                }
            }
            var time = input.TimeOfSpan?.Invoke(value.Index, value.Length);
            into.Add(new ExtractedField(name, type, normalized, value.Text, rule.Id, rule.Version, value.Index, value.Length,
                time?.Start, time?.End, input.Channel, input.Speaker));
        }
    }

    private static void AddRedactedSpans(List<(int, int, RedactSpec)> into, RulePlan plan, GrokMatch match, int expression, RedactSpec redact)
    {
        if (redact.Fields.Count == 0)
        {
            into.Add((match.Index, match.Length, redact));
            return;
        }
        var redacted = plan.RedactedCaptures[expression];
        for (var i = 0; i < match.Values.Count; i++)
        {
            if (redacted[i] && match.Values[i].Text is { Length: > 0 })
            {
                into.Add((match.Values[i].Index, match.Values[i].Length, redact));
            }
        }
    }
}
