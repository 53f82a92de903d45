using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FunAsr.Extractors;
using FunAsr.Ingest.Events;

namespace FunAsr.Ingest.Tests.Events;

/// <summary>
/// The target object's strings and prepared parts: a string written without the JSON writer comes out as the writer
/// writes it, and the parts remembered per field position never leak into another field.
/// </summary>
public sealed class ExtractTargetWriterTests
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [Theory]
    [InlineData("plain ascii 123")]
    [InlineData("我的手机号是13812345678")]
    [InlineData("quote \" backslash \\ tab \t newline \n")]
    [InlineData("control \u0001 and del \u007f")]
    [InlineData("html <b> & 'x' + `y`")]
    [InlineData("emoji 😀 and line separator \u2028")]
    [InlineData("lone surrogate \ud83d end")]
    [InlineData("replacement \ufffd and bom \ufeff")]
    public void A_string_comes_out_as_the_json_writer_writes_it(string value)
    {
        var written = Write(new ExtractionResult([Field("f", value, "other text")], [value], [], [], value + "!"), value);

        var expected = WrittenByJsonWriter(value);
        Assert.StartsWith("{\"fields\":{\"f\":" + expected + "},", written);
        Assert.Contains(",\"tags\":[" + expected + "],", written);
    }

    [Fact]
    public void Fields_in_another_order_or_of_another_rule_come_out_under_their_own_names()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new ExtractTargetWriter(output, Options);
        string[] names = ["a", "b", new string('a', 1)];

        var events = new[]
        {
            new[] { Field(names[0], "1", "1"), Field(names[1], "2", "2") },
            new[] { Field(names[1], "2", "2"), Field(names[2], "1", "1", rule: "other") },
        };
        var lines = events.Select(fields =>
        {
            output.ResetWrittenCount();
            writer.WriteResult(new ExtractionResult(fields, [], [], [], "t"), "t");
            return JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("matches").EnumerateArray()
                .Select(m => $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetString()}@{m.GetProperty("rule").GetString()}").ToList();
        }).ToList();

        Assert.Equal(["a=1@r", "b=2@r"], lines[0]);
        Assert.Equal(["b=2@r", "a=1@other"], lines[1]);
    }

    private static ExtractedField Field(string name, string value, string text, string rule = "r") =>
        new(name, "string", value, text, rule, "v1", 0, text.Length, null, null, null, null);

    private static string Write(ExtractionResult result, string sourceText)
    {
        var output = new ArrayBufferWriter<byte>();
        new ExtractTargetWriter(output, Options).WriteResult(result, sourceText);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string WrittenByJsonWriter(string value)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output, Options))
        {
            json.WriteStringValue(value);
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
