using BenchmarkDotNet.Attributes;
using FunAsr.Recognizer;

namespace FunAsr.Bench.Recognizer;

/// <summary>
/// Inverse text normalization throughput, single thread, default (call-centre) profile, on a generated corpus of
/// call-centre transcript segments in spoken form: 1,000 Chinese and 1,000 English segments built from fixed
/// templates with a fixed seed (greetings, phone numbers, dates, times, amounts, order numbers and number-free
/// chatter, as an agent and a caller say them). Characters per second = corpus characters / mean time.
/// Run: dotnet run -c Release --project bench/FunAsr.Bench -- --filter '*ItnBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[JsonExporterAttribute.Brief]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ItnBenchmarks
{
    private static readonly string[] ChineseTemplates =
    [
        "您好请问有什么可以帮您", "我的电话是{phone}", "请拨打我们的客服热线{hotline}", "工作时间是周一到周五{time}到{time}",
        "我的订单号是{order}", "我是二零二五年{month}{day}下的单", "一共是{amount}", "退款{amount}什么时候到账",
        "麻烦您稍等一下我帮您查一下", "快递大概{count}天能到", "您的会员积分还有{cardinal}分", "好的没有问题还有别的需要吗",
        "我上个月{day}打过一次电话", "分机号{ext}", "这个价格比上次贵了百分之{cardinal}", "好的谢谢再见",
    ];

    private static readonly string[] EnglishTemplates =
    [
        "thank you for calling how can i help you", "my number is {phone}", "we are open from {time} to {time}",
        "my order number is {order}", "i placed it on {date}", "the total was {amount}", "can i get a refund of {amount}",
        "it has been {count} days and nothing arrived", "please hold for one moment", "your reference is {order}",
        "call me back after {time}", "that is about {cardinal} percent more than last time", "is there anything else",
    ];

    private static readonly Dictionary<string, string[]> ChineseSlots = new()
    {
        ["phone"] = ["幺三八幺二三四五六七八", "一五九零零八八七七六六", "幺八六幺幺幺二二三三四"],
        ["hotline"] = ["四零零八八八一二三四", "八零零八二零八八八八", "九五五八八"],
        ["time"] = ["上午九点", "下午六点", "上午八点半", "晚上十点", "下午五点三十"],
        ["order"] = ["二零二五零一零三零零八八", "八八六七五四三二", "幺零零二三四五"],
        ["month"] = ["一月", "三月", "十二月", "八月"],
        ["day"] = ["三号", "十五号", "二十八号", "一号"],
        ["amount"] = ["三百九十九元", "一千二百五十块", "八十八块八", "两千零五十元五角"],
        ["count"] = ["三", "五", "十", "七"],
        ["cardinal"] = ["一千二百", "三十", "五百六十", "两万"],
        ["ext"] = ["幺零二三", "八零八零", "六六六"],
    };

    private static readonly Dictionary<string, string[]> EnglishSlots = new()
    {
        ["phone"] = ["four zero zero eight eight eight one two three four", "five five five double one two three", "oh two oh seven nine four six one two"],
        ["time"] = ["nine a m", "five thirty p m", "quarter to six", "noon", "eight o'clock"],
        ["order"] = ["seven four two one nine", "triple eight two zero", "one two three four five six"],
        ["date"] = ["january third twenty twenty five", "the fifteenth of march", "july twenty fifth"],
        ["amount"] = ["forty nine dollars and ninety cents", "two hundred dollars", "twelve dollars fifty"],
        ["count"] = ["three", "ten", "fourteen", "twenty one"],
        ["cardinal"] = ["twenty", "fifteen", "one hundred"],
    };

    private InverseNormalizer _normalizer = null!;
    private string[] _chinese = [];
    private string[] _english = [];

    /// <summary>Characters in the Chinese part of the corpus.</summary>
    public int ChineseCharacters { get; private set; }

    /// <summary>Characters in the English part of the corpus.</summary>
    public int EnglishCharacters { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _normalizer = InverseNormalizer.Create(ItnOptions.Default);
        var random = new Random(20250103);
        _chinese = Generate(random, ChineseTemplates, ChineseSlots, 1000);
        _english = Generate(random, EnglishTemplates, EnglishSlots, 1000);
        ChineseCharacters = _chinese.Sum(s => s.Length);
        EnglishCharacters = _english.Sum(s => s.Length);
        Console.WriteLine($"// ITN corpus: zh {_chinese.Length} segments, {ChineseCharacters} chars; en {_english.Length} segments, {EnglishCharacters} chars.");
        Console.WriteLine($"// Sample: {_chinese[1]} → {_normalizer.Normalize(_chinese[1], "zh").Written}");
        Console.WriteLine($"// Sample: {_english[1]} → {_normalizer.Normalize(_english[1], "en").Written}");
    }

    [Benchmark(Description = "zh, 1000 segments")]
    public int Chinese() => Run(_chinese, "zh");

    [Benchmark(Description = "en, 1000 segments")]
    public int English() => Run(_english, "en");

    [Benchmark(Description = "zh+en, language auto")]
    public int Auto() => Run(_chinese, "auto") + Run(_english, "auto");

    private int Run(string[] segments, string language)
    {
        int spans = 0;
        foreach (string segment in segments)
        {
            spans += _normalizer.Normalize(segment, language).Spans.Count;
        }

        return spans;
    }

    private static string[] Generate(Random random, string[] templates, Dictionary<string, string[]> slots, int count)
    {
        var segments = new string[count];
        for (int i = 0; i < count; i++)
        {
            string segment = templates[random.Next(templates.Length)];
            foreach (var (name, values) in slots)
            {
                string marker = "{" + name + "}";
                int at;
                while ((at = segment.IndexOf(marker, StringComparison.Ordinal)) >= 0)
                {
                    segment = string.Concat(segment.AsSpan(0, at), values[random.Next(values.Length)], segment.AsSpan(at + marker.Length));
                }
            }

            segments[i] = segment;
        }

        return segments;
    }
}
