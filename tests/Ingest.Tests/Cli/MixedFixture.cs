using System.Text;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// A mixed stream of log lines as shippers send them (Beats, Fluent Bit, ECS, plain text) with the bad ones a filter
/// must survive: numbers, nulls and arrays where text belongs, invalid JSON, JSON that is not an object, 1 MB lines
/// (under the 1 MiB default limit) and lines over it. Each line comes with the failure reason it must be tagged with,
/// or null.
/// </summary>
internal static class MixedFixture
{
    private static readonly string[] Texts =
    [
        "我的手机号是13812345678", "营业时间是周一到周五上午9:00到下午6:00", "退款金额是¥300", "你们服务太差了我要投诉",
        "you can reach us at (800) 555-0199 extension 42", "the technician will come on January 3, 2025 at 3:00 p.m.",
        "please hold for one moment", "引号\"和反斜杠\\和制表符\t都要保留", "",
    ];

    public static List<(string Line, string? Failure)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var lines = new List<(string, string?)>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(i switch
            {
                100 or 5_000 or 9_000 => (HugeEvent(1_000_000, random), null),
                200 or 7_000 => (HugeEvent(1_100_000, random), "line_too_long"),
                _ => Line(random),
            });
        }
        return lines;
    }

    private static (string, string?) Line(Random random)
    {
        var text = Json(Texts[random.Next(Texts.Length)]);
        var ts = $"\"@timestamp\":\"2026-12-07T10:{random.Next(60):00}:{random.Next(60):00}.{random.Next(1000):000}Z\"";
        return random.Next(16) switch
        {
            0 => ($"{{{ts},\"tags\":[\"beats_input_codec_plain_applied\"],\"fields\":{{\"env\":\"prod\",\"n\":{random.Next()}}},\"message\":{text}}}", null),
            1 => ($"{{\"log\":{text},\"stream\":\"stdout\",\"kubernetes\":{{\"pod_name\":\"pbx-{random.Next(9)}\",\"labels\":{{\"app\":\"ivr\"}}}}}}", null),
            2 => ($"{{\"event\":{{\"original\":{text},\"kind\":\"event\"}},\"ecs\":{{\"version\":\"8.11.0\"}}}}", null),
            3 => ($"{{\"event.original\":{text},\"tags\":[]}}", null),
            4 => ($"{{{ts},\"message\":{random.Next(-1000, 1000)}}}", "source_not_a_string"),
            5 => ($"{{\"message\":1.5e3,\"fields\":{{\"a\":[1,2,{{\"b\":null}}]}}}}", "source_not_a_string"),
            6 => ($"{{\"message\":null,\"log\":{text}}}", null),
            7 => ($"{{\"message\":null,\"tags\":[\"a\",\"b\"],\"fields\":null}}", "no_source_field"),
            8 => ($"{{\"message\":[{text},\"second\"],\"tags\":[\"x\"]}}", "source_not_a_string"),
            9 => ($"[1,2,{text}]", "not_an_object"),
            10 => (random.Next(4) switch
            {
                0 => "{\"message\": \"unterminated",
                1 => "{\"a\":1,}",
                2 => "{\"message\":\"x\"} trailing",
                _ => "{'single':'quotes'}",
            }, "invalid_json"),
            11 => ($"plain text line {random.Next()} 我的手机号是1391234{random.Next(1000, 9999)}", null),
            12 => ($"{{ \"message\" : \"\\u6211\\u7684\\u624b\\u673a\\u53f7\\u662f13812345678\" , \"n\":-0.0e+1, \"deep\":{{\"a\":[{{\"b\":null}}],\"c\":\"\\ud83d\\ude00\"}} }}", null),
            13 => ($"{{\"funasr\":{{\"stale\":[1,2,3]}},\"message\":{text},\"funasr_other\":true}}", null),
            14 => ("{}", "no_source_field"),
            _ => ($"{{\"fields\":{{\"env\":\"prod\"}},\"text\":{text},\"tags\":[\"beats_input_codec_plain_applied\",\"_grokparsefailure\"]}}", null),
        };
    }

    private static string HugeEvent(int bytes, Random random)
    {
        var head = $"{{\"tags\":[\"big\"],\"fields\":{{\"env\":\"prod\"}},\"message\":\"";
        var tail = $" 我的手机号是1381234{random.Next(1000, 9999)}\"}}";
        var filler = new StringBuilder(bytes);
        while (filler.Length + head.Length + Encoding.UTF8.GetByteCount(tail) < bytes)
        {
            filler.Append("some call centre chatter ");
        }
        return head + filler.ToString(0, bytes - head.Length - Encoding.UTF8.GetByteCount(tail)) + tail;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
