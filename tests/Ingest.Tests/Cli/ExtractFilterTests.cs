using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// <c>funasr-pipeline extract</c> as a pipeline filter, run as the real process over stdin: a mixed 10,000-line
/// fixture (events with foreign keys, numbers, nulls, arrays, invalid JSON, 1 MB lines, plain text) with one worker and
/// with several, the order and flushing of several workers, and the rsyslog mmexternal and omprog protocols.
/// </summary>
public sealed class ExtractFilterTests
{
    private const string Target = "funasr";
    private const string FailureTag = "_funasr_extract_failure";

    [Theory]
    [InlineData("1")]
    [InlineData("3")]
    public async Task A_10000_line_mixed_fixture_comes_out_as_10000_lines_with_every_foreign_key_unchanged(string workers)
    {
        var fixture = MixedFixture.Generate(10_000, seed: 26);
        var (code, stdout, stderr) = await RunAsync(fixture.Select(l => l.Line), "extract", "--rules", RepoPaths.Of("rules"), "--workers", workers);

        Assert.True(code == 0, stderr);
        var output = stdout.Split('\n');
        Assert.Equal("", output[^1]);
        Assert.Equal(fixture.Count, output.Length - 1);
        for (var i = 0; i < fixture.Count; i++)
        {
            var (line, expected) = fixture[i];
            using var result = JsonDocument.Parse(output[i]);
            var target = result.RootElement.GetProperty(Target);
            var context = $"line {i + 1} ({expected ?? "ok"}): {Shorten(line)}";
            if (expected is null)
            {
                Assert.True(target.TryGetProperty("fields", out _), context);
                Assert.DoesNotContain(FailureTag, target.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            }
            else
            {
                Assert.Contains(FailureTag, target.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
                Assert.Equal(expected, target.GetProperty(FailureTag).GetProperty("reason").GetString());
                Assert.Contains($"line {i + 1}", target.GetProperty(FailureTag).GetProperty("message").GetString());
            }
            if (expected is "invalid_json" or "not_an_object" || !line.TrimStart().StartsWith('{') && !line.TrimStart().StartsWith('['))
            {
                Assert.Equal(line, result.RootElement.GetProperty("message").GetString());
            }
            else if (expected != "line_too_long")
            {
                Assert.Equal(ForeignKeys(line), ForeignKeys(output[i]));
            }
        }
        Assert.Contains(fixture, l => l.Failure is null && l.Line.Contains("\"tags\":") && l.Line.Contains("\"fields\":"));
    }

    [Fact]
    public async Task Results_go_under_the_target_and_an_existing_target_value_is_replaced_in_place()
    {
        var (code, stdout, _) = await RunAsync(
            ["{\"nlp\":{\"old\":true},\"log\" : \"我的手机号是13812345678\",\"tags\":[\"x\"]}", "{\"event\":{\"original\":\"the total was 25 dollars\"}}"],
            "extract", "--rules", RepoPaths.Of("rules"), "--lang", "zh", "--target", "nlp", "--source-field", "log", "--source-field", "event.original");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("{\"nlp\":{\"fields\":{\"phone\":", lines[0]);
        Assert.EndsWith(",\"log\" : \"我的手机号是13812345678\",\"tags\":[\"x\"]}", lines[0]);
        Assert.StartsWith("{\"event\":{\"original\":\"the total was 25 dollars\"},\"nlp\":{\"fields\":", lines[1]);
    }

    [Fact]
    public async Task Mmexternal_mode_answers_each_message_with_its_variable_changes()
    {
        var (code, stdout, _) = await RunAsync(
            ["{\"msg\":\"我的手机号是13812345678\",\"$!\":null}", "", "{\"msg\":7}"],
            "extract", "--rules", RepoPaths.Of("rules"), "--lang", "zh", "--mode", "mmexternal");

        Assert.Equal(0, code);
        var lines = stdout.Split('\n');
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("+8613812345678", first.RootElement.GetProperty("$!").GetProperty(Target).GetProperty("fields").GetProperty("phone").GetProperty("e164").GetString());
        Assert.Equal("{}", lines[1]);
        Assert.Contains("\"source_not_a_string\"", lines[2]);
    }

    [Fact]
    public async Task Omprog_mode_confirms_each_message_after_appending_it_to_the_output_file()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("omprog-").FullName, "events.ndjson");
        var (code, stdout, _) = await RunAsync(
            ["{\"msg\":\"我的手机号是13812345678\"}", "{\"msg\":\"你好\"}"],
            "extract", "--rules", RepoPaths.Of("rules"), "--lang", "zh", "--mode", "omprog", "--output-file", file);

        Assert.Equal(0, code);
        Assert.Equal("OK\nOK\nOK\n", stdout);
        var events = File.ReadAllLines(file);
        Assert.Equal(2, events.Length);
        Assert.StartsWith("{\"msg\":\"我的手机号是13812345678\",\"funasr\":{\"fields\":{\"phone\":", events[0]);
    }

    [Fact]
    public async Task Several_workers_write_the_events_in_input_order_byte_for_byte_as_one_worker_does()
    {
        var texts = new[] { "我的手机号是13812345678", "please hold", "营业时间是周一到周五上午9:00到下午6:00，退款金额是¥300" };
        var random = new Random(29);
        var input = Enumerable.Range(1, 6_000).Select(i =>
            $"{{\"seq\":{i},\"message\":\"{string.Concat(Enumerable.Repeat(texts[random.Next(texts.Length)] + " ", 1 + random.Next(40)))}\"}}").ToList();
        string[] rules = ["extract", "--rules", RepoPaths.Of("rules")];

        var one = await RunAsync(input, [.. rules, "--workers", "1"]);
        var four = await RunAsync(input, [.. rules, "--workers", "4"]);
        var fourByLine = await RunAsync(input, [.. rules, "--workers", "4", "--flush", "line"]);

        Assert.True(one.Code == 0, one.Stderr);
        Assert.True(four.Code == 0, four.Stderr);
        Assert.True(fourByLine.Code == 0, fourByLine.Stderr);
        var lines = four.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Enumerable.Range(1, input.Count), lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt32()));
        Assert.Equal(one.Stdout, four.Stdout);
        Assert.Equal(one.Stdout, fourByLine.Stdout);
    }

    [Fact]
    public async Task With_a_one_rule_pack_each_worker_runs_its_own_copy_and_the_output_is_one_workers_byte_for_byte()
    {
        var random = new Random(7);
        var input = Enumerable.Range(1, 20_000).Select(i =>
            $"{{\"seq\":{i},\"message\":\"Dec  7 10:{i / 60 % 60:D2}:{i % 60:D2} pbx-{random.Next(4)} asterisk[{random.Next(99_999)}]: call {i} " +
            $"{string.Concat(Enumerable.Repeat("ringing ", random.Next(30)))}\"}}").ToList();
        string[] rules = ["extract", "--rules", RepoPaths.Of("bench", "extract", "syslog")];

        var one = await RunAsync(input, [.. rules, "--workers", "1"]);
        var three = await RunAsync(input, [.. rules, "--workers", "3"]);

        Assert.True(one.Code == 0, one.Stderr);
        Assert.True(three.Code == 0, three.Stderr);
        Assert.Equal(input.Count, one.Stdout.Count(c => c == '\n'));
        Assert.Contains("\"program\":\"asterisk\"", one.Stdout);
        Assert.Equal(one.Stdout, three.Stdout);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task Each_event_comes_out_while_the_input_waits_for_the_next(string workers)
    {
        var start = Start("extract", "--rules", RepoPaths.Of("rules"), "--lang", "zh", "--workers", workers);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // A hang guard, not a timing check: a filter that holds output back until more input comes never answers.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdin = process.StandardInput.BaseStream;
        for (var i = 0; i < 3; i++)
        {
            await stdin.WriteAsync(Encoding.UTF8.GetBytes($"{{\"n\":{i},\"message\":\"我的手机号是1381234567{i}\"}}\n"), timeout.Token);
            await stdin.FlushAsync(timeout.Token);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.StartsWith($"{{\"n\":{i},", line);
            Assert.Contains($"\"e164\":\"+861381234567{i}\"", line);
        }
        stdin.Close();
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
    }

    [Fact]
    public async Task With_several_workers_a_bad_event_among_good_ones_is_tagged_in_its_place_and_the_stream_goes_on()
    {
        string?[] kinds = [null, "invalid_json", null, "not_an_object", "line_too_long", null, "source_not_a_string", "no_source_field", null];
        var input = Enumerable.Range(0, 900).Select(i => kinds[i % kinds.Length] switch
        {
            null => $"{{\"i\":{i},\"message\":\"我的手机号是13812345678\"}}",
            "invalid_json" => $"{{\"i\":{i},\"message\":\"unterminated",
            "not_an_object" => $"[{i}]",
            "line_too_long" => $"{{\"i\":{i},\"message\":\"{new string('x', 500)}\"}}",
            "source_not_a_string" => $"{{\"i\":{i},\"message\":{i}}}",
            _ => $"{{\"i\":{i}}}",
        }).ToList();

        var (code, stdout, stderr) = await RunAsync(input, "extract", "--rules", RepoPaths.Of("rules"), "--lang", "zh", "--max-line-bytes", "300", "--workers", "3");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(input.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var output = JsonDocument.Parse(lines[i]);
            var target = output.RootElement.GetProperty(Target);
            if (kinds[i % kinds.Length] is { } reason)
            {
                Assert.Equal(reason, target.GetProperty(FailureTag).GetProperty("reason").GetString());
                Assert.Contains($"line {i + 1}", target.GetProperty(FailureTag).GetProperty("message").GetString());
            }
            else
            {
                Assert.Equal(i, output.RootElement.GetProperty("i").GetInt32());
                Assert.Equal("+8613812345678", target.GetProperty("fields").GetProperty("phone").GetProperty("e164").GetString());
            }
        }
    }

    /// <summary>Every top-level key except the target, with its value's raw JSON text, in order.</summary>
    private static List<string> ForeignKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Where(p => p.Name != Target).Select(p => p.Name + "=" + p.Value.GetRawText())];
    }

    private static string Shorten(string line) => line.Length > 120 ? line[..120] + $"… ({line.Length} chars)" : line;

    private static ProcessStartInfo Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.Executable);
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> input, params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await using (var stdin = process.StandardInput.BaseStream)
        {
            foreach (var line in input)
            {
                await stdin.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
            }
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
