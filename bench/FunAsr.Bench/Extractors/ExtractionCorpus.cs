using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunAsr.Bench.Extractors;

/// <summary>
/// The extraction benchmark corpus: 2,000 written-form transcript lines (1,000 zh, 1,000 en, fixed seed; about a third
/// carry no entity at all, as in real calls). <see cref="ExtractionBenchmarks"/> runs it in process; bench/extract/run.sh
/// writes it as NDJSON (<c>FunAsr.Bench write-extraction-corpus FILE REPEAT</c>) for the whole-process filter.
/// </summary>
public static class ExtractionCorpus
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

    /// <summary>The 1,000 zh and 1,000 en lines.</summary>
    public static (string[] Chinese, string[] English) Generate()
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
        var chinese = Enumerable.Range(0, 1000).Select(i => Fill(Chinese[random.Next(Chinese.Length)])).ToArray();
        var english = Enumerable.Range(0, 1000).Select(i => Fill(English[random.Next(English.Length)])).ToArray();
        return (chinese, english);
    }

    /// <summary>
    /// Writes the corpus <paramref name="repeat"/> times as NDJSON log events, zh and en interleaved, each with a few
    /// foreign keys a shipper adds (<c>@timestamp</c>, <c>host</c>, <c>tags</c>, <c>fields</c>).
    /// </summary>
    public static void WriteNdjson(string path, int repeat)
    {
        var (chinese, english) = Generate();
        var json = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var output = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var r = 0; r < repeat; r++)
        {
            for (var i = 0; i < chinese.Length; i++)
            {
                foreach (var (line, language) in new[] { (chinese[i], "zh"), (english[i], "en") })
                {
                    output.Write($"{{\"@timestamp\":\"2026-12-07T10:00:{i % 60:00}Z\",\"host\":{{\"name\":\"pbx-{r % 4}\"}},\"tags\":[\"beats_input_codec_plain_applied\"],");
                    output.Write($"\"fields\":{{\"env\":\"prod\",\"lang\":\"{language}\"}},\"message\":{JsonSerializer.Serialize(line, json)}}}\n");
                }
            }
        }
    }
}
