using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using FunAsr.Extractors;
using FunAsr.Extractors.Rules;
using FunAsr.Extractors.Rules.Normalizers;

namespace FunAsr.Bench.Extractors;

/// <summary>
/// Extraction throughput, single thread: the full rules/ pack through <see cref="Extractor"/> against hand-written
/// .NET Regex code doing the same extraction (the same rules written directly as compiled regexes, language-gated
/// the same way, normalized with the same normalizers), over one corpus of 2,000 written-form transcript lines
/// (1,000 zh, 1,000 en, fixed seed; about a third carry no entity at all, as in real calls).
/// Lines per second = 2,000 / mean time. Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*ExtractionBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[Config(typeof(InProcessShortJob))]
public class ExtractionBenchmarks
{
    private static readonly string[] Chinese =
    [
        "您好请问有什么可以帮您", "我的电话是{mobile}", "请拨打我们的客服热线{hotline}转{ext}", "我们的营业时间是周一到周五上午9:00到下午6:00",
        "我的订单号是{order}", "师傅会在2025年{month}月{day}日下午3点上门", "退款金额是¥{amount}", "一共是{amount}元",
        "麻烦您稍等一下我帮您查一下", "快递大概三天能到", "你们服务太差了我要投诉", "好的没有问题还有别的需要吗",
        "卡号是6222 0212 3456 {card4}", "发到我的邮箱zhang.san@example.com就行", "麻烦尽快给我回电话", "我想取消订阅",
    ];

    private static readonly string[] English =
    [
        "thank you for calling how can I help you", "my cell is 415-555-{four}", "you can reach us at (800) 555-0199 extension {ext}",
        "We're open Monday to Friday, 9:00 a.m. to 5:30 p.m.", "my order number is AB-2025{six}", "the technician will come on January {day}, 2025 at 3:00 p.m.",
        "you were charged ${amount}.50 twice", "please hold for one moment", "your case number is CASE-00{four}", "I want to speak to a manager",
        "could you call me back this afternoon", "I'd like a refund please", "is there anything else", "my card is 4111-1111-1111-{four}",
    ];

    private string[] _chinese = [];
    private string[] _english = [];
    private Extractor _rulePack = null!;
    private Extractor _rulePackBacktracking = null!;
    private HandWrittenExtraction _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20250103);
        string Fill(string template) => template
            .Replace("{mobile}", $"13{random.Next(8, 10)}{random.Next(10_000_000, 99_999_999)}")
            .Replace("{hotline}", $"400{random.Next(1_000_000, 9_999_999)}")
            .Replace("{ext}", random.Next(1, 999).ToString())
            .Replace("{order}", $"2025{random.Next(100_000_000, 999_999_999)}")
            .Replace("{month}", random.Next(1, 13).ToString())
            .Replace("{day}", random.Next(1, 29).ToString())
            .Replace("{amount}", random.Next(10, 5000).ToString())
            .Replace("{card4}", random.Next(1000, 9999).ToString())
            .Replace("{four}", random.Next(1000, 9999).ToString())
            .Replace("{six}", random.Next(100_000, 999_999).ToString());
        _chinese = Enumerable.Range(0, 1000).Select(i => Fill(Chinese[random.Next(Chinese.Length)])).ToArray();
        _english = Enumerable.Range(0, 1000).Select(i => Fill(English[random.Next(English.Length)])).ToArray();
        var dir = BenchPaths.Of("rules");
        _rulePack = new Extractor(RuleSet.Load(dir));
        _rulePackBacktracking = new Extractor(RuleSet.Load(dir, new RuleLoadOptions { AllowNonBacktracking = false }));
        _handWritten = new HandWrittenExtraction();
        // Warm up first: compiled regexes JIT on first use, which the comparison below should not see as timeouts.
        RulePack();
        RulePackBacktracking();
        HandWritten();
        foreach (var (line, language) in _chinese.Select(l => (l, "zh")).Concat(_english.Select(l => (l, "en"))))
        {
            var result = _rulePack.Extract(new ExtractionInput(line, Language: language));
            if (result.Fields.Count + result.Tags.Count != _handWritten.Extract(line, language))
            {
                throw new InvalidOperationException($"the two extractions differ on `{line}`: rule pack found " +
                    string.Join(", ", result.Fields.Select(f => $"{f.Name}={f.ValueText}").Concat(result.Tags).Concat(result.Failures.Select(f => f.Kind))) + $"; hand-written {_handWritten.Extract(line, language)} items");
            }
        }
    }

    [Benchmark(Description = "rule pack (Extractor)")]
    public int RulePack() => Run(_rulePack);

    [Benchmark(Description = "rule pack, backtracking only")]
    public int RulePackBacktracking() => Run(_rulePackBacktracking);

    [Benchmark(Baseline = true, Description = "hand-written Regex")]
    public int HandWritten()
    {
        var count = 0;
        foreach (var line in _chinese)
        {
            count += _handWritten.Extract(line, "zh");
        }
        foreach (var line in _english)
        {
            count += _handWritten.Extract(line, "en");
        }
        return count;
    }

    private int Run(Extractor extractor)
    {
        var count = 0;
        foreach (var line in _chinese)
        {
            var result = extractor.Extract(new ExtractionInput(line, Language: "zh"));
            count += result.Fields.Count + result.Tags.Count;
        }
        foreach (var line in _english)
        {
            var result = extractor.Extract(new ExtractionInput(line, Language: "en"));
            count += result.Fields.Count + result.Tags.Count;
        }
        return count;
    }
}
