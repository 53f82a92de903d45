using System.CommandLine;
using System.Text.Json;
using FunAsr.Ingest.Cli;
using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Recognizer;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// The tiny Fun-ASR-Nano stand-ins (models/test-nano) through <c>transcribe</c> and the ingest pipeline with the bundled
/// rules: the LLM trio's segments say their timestamps are approximate, the CTC export's do not.
/// </summary>
public sealed class FunAsrNanoEndToEndTests
{
    [Theory]
    [InlineData("funasr-nano-int8", "approximate")]
    [InlineData("funasr-nano", "approximate")]
    [InlineData("sense-voice-nano-ctc", null)]
    public async Task Transcribe_runs_each_tiny_Nano_model_with_the_rules(string folder, string? timestamps)
    {
        var directory = SpeechFixtures.TempDirectory();
        var files = SpeechFixtures.Write(Path.Combine(directory, "in"), 3);
        var root = new RootCommand { TranscribeCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        string[] args = ["transcribe", .. files, "--format", "json", "--device", "cpu", "--vad", "off", "--model", RepoPaths.Of("models", "test-nano", folder)];

        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });

        Assert.True(code == 0, stderr.ToString());
        var documents = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(3, documents.Length);
        Assert.Contains(documents, d => d.GetProperty("text").GetString()!.Length > 0);
        foreach (var document in documents)
        {
            Assert.Equal(folder, document.GetProperty("model_id").GetString());
            Assert.Equal(JsonValueKind.Array, document.GetProperty("fields").ValueKind);
            foreach (var segment in document.GetProperty("segments").EnumerateArray())
            {
                Assert.Equal(timestamps, segment.TryGetProperty("timestamps", out var value) ? value.GetString() : null);
            }
        }
    }

    [Fact]
    public async Task A_Nano_folder_missing_its_data_file_is_one_error_line_naming_it()
    {
        var directory = SpeechFixtures.TempDirectory();
        foreach (var file in Directory.GetFiles(RepoPaths.Of("models", "test-nano", "funasr-nano"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, "model", Path.GetRelativePath(RepoPaths.Of("models", "test-nano", "funasr-nano"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.Delete(Path.Combine(directory, "model", "llm.fp32.data"));
        var root = new RootCommand { TranscribeCommand.Create() };
        var stderr = new StringWriter();

        var code = await root.Parse(["transcribe", "x.wav", "--device", "cpu", "--model", Path.Combine(directory, "model")])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = stderr });

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: {Path.Combine(directory, "model", "llm.fp32.data")}: missing", line);
    }

    [Theory]
    [InlineData("funasr-nano-int8")]
    [InlineData("sense-voice-nano-ctc")]
    public async Task The_pipeline_ingests_with_each_tiny_Nano_model(string folder)
    {
        var root = SpeechFixtures.TempDirectory();
        var settings = TestSettings.For(root);
        settings.Recognizer.ModelDir = RepoPaths.Of("models", "test-nano", folder);
        SpeechFixtures.Write(Path.Combine(root, "inbox"), 3);

        using var services = new IngestServices(settings, NullLoggerFactory.Instance);
        await services.CreateRunner().RunAsync(once: true, CancellationToken.None);

        Assert.Equal(3, services.Ledger.Counts().ByState[LedgerState.Stored]);
    }

    [Fact]
    public void A_field_in_a_segment_with_approximate_timestamps_maps_to_the_whole_segment()
    {
        var segment = new TranscriptSegment(
            TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14), 0, "agent", "zh", "订单号是123。", "订单号是123。",
            [new TranscriptToken("订单", TimeSpan.FromSeconds(10), 0), new TranscriptToken("号是", TimeSpan.FromSeconds(11), 2), new TranscriptToken("123。", TimeSpan.FromSeconds(12), 4)],
            []) { Timestamps = TranscriptSegment.ApproximateTimestamps };

        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(14)), new SegmentTimeMap(segment).TimeOf(4, 3));
        Assert.Equal((TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(14)), new SegmentTimeMap(segment with { Timestamps = null }).TimeOf(4, 3));
    }
}
