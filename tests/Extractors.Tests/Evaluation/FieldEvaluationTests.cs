using System.Globalization;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Validation;
using FunAsr.Recognizer;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Extractors.Tests.Evaluation;

/// <summary>
/// The field evaluation set (tests/testdata/fields, see its README): every utterance goes spoken → ITN → the rule
/// pack, the fields are compared with the gold ones per type, and recall and precision per type may not fall below
/// tests/testdata/fields/baseline.tsv. Card and ID numbers are scored by what the redaction masked, not by fields.
/// With FUNASR_FIELD_SET naming another file of the same format (tools/fields/render-and-score.py writes one with
/// the spoken form a model recognized) it only reports the figures of that file.
/// </summary>
public sealed class FieldEvaluationTests(ITestOutputHelper output)
{
    private static readonly DateOnly CallDate = new(2026, 3, 4);
    private static readonly string? OtherSet = Environment.GetEnvironmentVariable("FUNASR_FIELD_SET") is { Length: > 0 } path ? path : null;
    private static readonly string SetPath = OtherSet ?? RepoPaths.Of("tests", "testdata", "fields", "callcentre.tsv");
    private static readonly string BaselinePath = RepoPaths.Of("tests", "testdata", "fields", "baseline.tsv");

    /// <summary>Field name → the type it is scored as.</summary>
    private static readonly Dictionary<string, string> ScoredAs = new(StringComparer.Ordinal)
    {
        ["phone"] = "phone",
        ["opens"] = "time", ["closes"] = "time", ["appointment"] = "time", ["callback"] = "time", ["delivery"] = "time",
        ["after"] = "time", ["before"] = "time", ["time"] = "time", ["window"] = "time",
        ["hours"] = "business_hours", ["days"] = "business_hours",
        ["date"] = "date",
        ["amount"] = "amount",
        ["card"] = "card",
        ["id_card"] = "id_card",
    };

    private sealed record Utterance(int Line, string Language, string Speaker, string Spoken, List<(string Name, string Value)> Gold);

    private sealed class Score
    {
        public int Hits;
        public int Found;
        public int Expected;
        public double Recall => Expected == 0 ? 1 : (double)Hits / Expected;
        public double Precision => Found == 0 ? 1 : (double)Hits / Found;
    }

    [Fact]
    public void Recall_and_precision_per_field_type_hold_the_baseline()
    {
        var utterances = Load();
        Assert.True(OtherSet is not null || utterances.Count >= 300, $"{SetPath}: {utterances.Count} utterances, expected at least 300");
        var extractor = new Extractor(RuleSet.Load(RepoPaths.Of("rules"), new RuleLoadOptions { MatchTimeout = TimeSpan.FromSeconds(30) }));
        var itn = InverseNormalizer.Create(ItnOptions.Default);
        var scores = ScoredAs.Values.Distinct().ToDictionary(t => t, _ => new Score());
        var maskedPhones = 0;

        foreach (var u in utterances)
        {
            var written = itn.Normalize(u.Spoken, u.Language).Written;
            var result = extractor.Extract(new ExtractionInput(written, u.Speaker, Language: u.Language) { ReferenceDate = CallDate });
            var masked = Masked(written, result.RedactedText).ToList();
            var found = result.Fields
                .Where(f => ScoredAs.TryGetValue(f.Name, out var type) && type is not ("card" or "id_card"))
                .Select(f => (f.Name, Value: f.ValueText))
                .Concat(masked.Select(digits => (Name: ChineseIdNumber.IsValid(digits) ? "id_card" : "card", Value: digits)))
                .ToList();
            maskedPhones += masked.Count(m => u.Gold.Any(g => g.Name == "phone" && g.Value.EndsWith(m, StringComparison.Ordinal)));

            var missing = u.Gold.ToList();
            var extra = new List<(string Name, string Value)>();
            foreach (var field in found)
            {
                if (!missing.Remove(field)) extra.Add(field);
            }
            foreach (var (name, _) in u.Gold)
            {
                scores[ScoredAs[name]].Expected++;
                scores[ScoredAs[name]].Hits++;
            }
            foreach (var (name, _) in missing) scores[ScoredAs[name]].Hits--;
            foreach (var (name, _) in found) scores[ScoredAs[name]].Found++;
            if (missing.Count > 0 || extra.Count > 0)
            {
                output.WriteLine($"{u.Line}: {u.Spoken} → {written}");
                if (missing.Count > 0) output.WriteLine($"    missing {string.Join(" | ", missing.Select(m => $"{m.Name}={m.Value}"))}");
                if (extra.Count > 0) output.WriteLine($"    extra   {string.Join(" | ", extra.Select(m => $"{m.Name}={m.Value}"))}");
            }
        }

        output.WriteLine("");
        output.WriteLine("type\trecall\tprecision\texpected\tfound");
        foreach (var (type, score) in scores.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{type}\t{score.Recall:F3}\t{score.Precision:F3}\t{score.Expected}\t{score.Found}");
        }
        output.WriteLine($"valid phone numbers masked: {maskedPhones}");

        if (OtherSet is not null)
        {
            return;
        }
        Assert.Equal(0, maskedPhones);
        var drops = new List<string>();
        foreach (var line in File.ReadAllLines(BaselinePath).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var columns = line.Split('\t');
            var score = scores[columns[0]];
            var recall = double.Parse(columns[1], CultureInfo.InvariantCulture);
            var precision = double.Parse(columns[2], CultureInfo.InvariantCulture);
            if (score.Recall < recall - 1e-9) drops.Add($"{columns[0]}: recall {score.Recall:F3} < baseline {recall:F3}");
            if (score.Precision < precision - 1e-9) drops.Add($"{columns[0]}: precision {score.Precision:F3} < baseline {precision:F3}");
        }
        Assert.True(drops.Count == 0, $"{BaselinePath}: " + string.Join("; ", drops));
    }

    private static List<Utterance> Load()
    {
        var lines = File.ReadAllLines(SetPath);
        var utterances = new List<Utterance>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var columns = lines[i].Split('\t');
            Assert.True(columns.Length == 4, $"{SetPath}:{i + 1}: expected 4 tab-separated columns, got {columns.Length}");
            var gold = columns[3].Length == 0
                ? []
                : columns[3].Split(" | ").Select(pair => pair.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToList();
            foreach (var (name, _) in gold)
            {
                Assert.True(ScoredAs.ContainsKey(name), $"{SetPath}:{i + 1}: unknown gold field `{name}`");
            }
            utterances.Add(new Utterance(i + 1, columns[0], columns[1], columns[2], gold));
        }
        return utterances;
    }

    /// <summary>The digits (and ID check letter) of every run the redaction changed, taken from the unredacted text.</summary>
    private static IEnumerable<string> Masked(string text, string redacted)
    {
        if (text.Length != redacted.Length) yield break;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == redacted[i])
            {
                i++;
                continue;
            }
            var start = i;
            while (start > 0 && IsNumberChar(text[start - 1])) start--;
            var end = i;
            while (end < text.Length && (IsNumberChar(text[end]) || (text[end] is ' ' or '-' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1])))) end++;
            yield return new string(text[start..end].Where(c => c is not (' ' or '-')).ToArray());
            i = end;
        }
    }

    private static bool IsNumberChar(char c) => char.IsAsciiDigit(c) || c is 'X' or 'x';
}
