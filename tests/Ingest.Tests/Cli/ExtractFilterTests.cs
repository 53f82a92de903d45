using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// <c>funasr-pipeline extract</c> as a pipeline filter, run as the real process over stdin: a mixed 10,000-line
/// fixture (events with foreign keys, numbers, nulls, arrays, invalid JSON, 1 MB lines, plain text), and the rsyslog
/// mmexternal and omprog protocols.
/// </summary>
public sealed class ExtractFilterTests
{
    private const string Target = "funasr";
    private const string FailureTag = "_funasr_extract_failure";

    [Fact]
    public async Task A_10000_line_mixed_fixture_comes_out_as_10000_lines_with_every_foreign_key_unchanged()
    {
        var fixture = MixedFixture.Generate(10_000, seed: 26);
        var (code, stdout, stderr) = await RunAsync(fixture.Select(l => l.Line), "extract", "--rules", RepoPaths.Of("rules"));

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

    /// <summary>Every top-level key except the target, with its value's raw JSON text, in order.</summary>
    private static List<string> ForeignKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Where(p => p.Name != Target).Select(p => p.Name + "=" + p.Value.GetRawText())];
    }

    private static string Shorten(string line) => line.Length > 120 ? line[..120] + $"… ({line.Length} chars)" : line;

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> input, params string[] args)
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
        using var process = Process.Start(start)!;
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
