using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FunAsr.Ingest.Cli;
using FunAsr.Ingest.Pipeline;
using FunAsr.Ingest.Records;
using FunAsr.Ingest.Sinks.Elasticsearch.Documents;
using FunAsr.Ingest.Store;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunAsr.Ingest.Tests.Records;

/// <summary>
/// One recording, three documents: <c>transcribe --format json</c>, the embedded store's export and the Elasticsearch
/// transcript document, made by the real CLI, pipeline and sink document builder with the test model. They use one
/// vocabulary (docs/SCHEMA.md); Elasticsearch leaves out what it does not index and adds its search copies.
/// </summary>
public sealed class RecordingJsonTests
{
    /// <summary>Members of the recording document the transcript index does not keep.</summary>
    private static readonly string[] NotIndexed = ["alerts", "turns", "segments.tokens", "segments.emotion", "segments.event", "segments.timestamps", "fields.value"];

    /// <summary>What only the Elasticsearch document has: ECS members and copies for search and dashboards.</summary>
    private static readonly string[] IndexOnly = ["@timestamp", "event", "service", "extracted", "extracted_minutes", "extracted_numbers",
        "phone_numbers", "field_names", "alert_rules", "alert_severities", "alert_count"];

    private readonly string _root = SpeechFixtures.TempDirectory();

    [Fact]
    public async Task The_cli_json_the_store_export_and_the_elasticsearch_document_of_one_recording_use_the_same_names()
    {
        var inbox = Path.Combine(_root, "inbox");
        Directory.CreateDirectory(inbox);
        var recording = Tones(Path.Combine(inbox, "call.wav"), 325.6, 533.5);

        var cli = JsonDocument.Parse(await TranscribeAsync(recording)).RootElement;
        var settings = TestSettings.For(_root);
        settings.Recognizer.Vad = "off";
        var collected = new FailingSink { Up = true };
        string stored;
        using (var services = new IngestServices(settings, NullLoggerFactory.Instance))
        {
            await new PipelineRunner(services.PipelineParts() with { Sinks = [.. services.Sinks, collected] }).RunAsync(once: true, CancellationToken.None);
            stored = Assert.Single(new StoreSearch(new EmbeddedStore(settings.StorePath)).ExportDocuments(new StoreQuery(null, [], null, 10)));
        }
        var export = JsonDocument.Parse(stored).RootElement;
        var elasticsearch = JsonDocument.Parse(TranscriptDocument.Transcript(Assert.Single(collected.Delivered))).RootElement;

        Assert.NotEmpty(cli.GetProperty("segments").EnumerateArray());
        Assert.Equal(Names(cli), Names(export));
        Assert.Equal(Names(cli).Where(n => !Under(n, NotIndexed)), Names(elasticsearch).Where(n => !Under(n, IndexOnly)));
        Assert.Equal(RecordingJson.SchemaVersion, cli.GetProperty("schema_version").GetInt32());
        Assert.Equal(RecordingJson.SchemaVersion, elasticsearch.GetProperty("schema_version").GetInt32());
        foreach (var name in new[] { "recording_id", "duration_seconds", "text", "raw_text", "language", "model_id" })
        {
            Assert.Equal(cli.GetProperty(name).ToString(), export.GetProperty(name).ToString());
            Assert.Equal(cli.GetProperty(name).ToString(), elasticsearch.GetProperty(name).ToString());
        }
    }

    [Fact]
    public void A_store_written_in_the_first_schema_is_upgraded_when_it_is_opened()
    {
        var path = Path.Combine(_root, "funasr.db");
        new EmbeddedStore(path).Upsert([]);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO recordings (id, source_path, duration_seconds, channels, language, text, raw_text, tags, model_id,
                  rule_pack_version, processed_at, document_json)
                VALUES ('CALL-1', '/in/call1.wav', 2.5, 1, 'zh', '退款', '退款', 'refund', 'test-model', 'v1', '2026-12-01T00:00:00.0000000Z', $json)
                """;
            insert.Parameters.AddWithValue("$json", """
                {"recording_id":"CALL-1","source_path":"/in/call1.wav","metadata":{"call_id":"CALL-1","agent":"A7"},
                 "transcript":{"source_path":"/in/call1.wav","duration":2.5,"channels":1,"language":"zh",
                   "segments":[{"start":0.2,"end":2.1,"channel":0,"speaker":"agent","language":"zh","text":"退款","raw_text":"退款",
                     "tokens":[{"text":"退","start":0.3,"raw_offset":0},{"text":"款","start":0.5,"raw_offset":1}],"itn_spans":[],"emotion":"","event":""}],
                   "text":"退款","raw_text":"退款","device":"cpu","model_id":"test-model","turns":[],"vad_method":"silero"},
                 "fields":[{"name":"intent","type":"keyword","value":"refund","text":"退款","rule_id":"intent.refund","rule_version":"1",
                   "start":0,"length":2,"start_time":0.3,"end_time":0.7,"channel":0,"speaker":"agent","value_text":"refund"}],
                 "tags":["refund"],"alerts":[],"model_id":"test-model","rule_pack_version":"v1",
                 "metrics":{"duration_seconds":2.5},"processed_at":"2026-12-01T00:00:00+00:00"}
                """);
            insert.ExecuteNonQuery();
        }

        var upgraded = JsonDocument.Parse(new EmbeddedStore(path).GetDocumentJson("CALL-1")!).RootElement;

        Assert.Equal(RecordingJson.SchemaVersion, upgraded.GetProperty("schema_version").GetInt32());
        Assert.Equal(("A7", 2.5, "silero"), (upgraded.GetProperty("agent").GetString(), upgraded.GetProperty("duration_seconds").GetDouble(), upgraded.GetProperty("vad").GetString()));
        var segment = upgraded.GetProperty("segments")[0];
        Assert.Equal((0.2, 2.1, 0.5), (segment.GetProperty("start_seconds").GetDouble(), segment.GetProperty("end_seconds").GetDouble(),
            segment.GetProperty("tokens")[1].GetProperty("start_seconds").GetDouble()));
        var field = upgraded.GetProperty("fields")[0];
        Assert.Equal(("refund", 0.3), (field.GetProperty("value_text").GetString(), field.GetProperty("start_seconds").GetDouble()));
        Assert.False(upgraded.TryGetProperty("transcript", out _));
    }

    private static bool Under(string name, string[] roots) => roots.Any(r => name == r || name.StartsWith(r + ".", StringComparison.Ordinal));

    /// <summary>Every member name as a dotted path (array items merged), e.g. <c>segments.start_seconds</c>.</summary>
    private static SortedSet<string> Names(JsonElement element, string prefix = "")
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray()) names.UnionWith(Names(item, prefix));
        if (element.ValueKind != JsonValueKind.Object || prefix is "metrics." or "extracted." or "extracted_minutes." or "extracted_numbers.") return names;
        foreach (var member in element.EnumerateObject())
        {
            names.Add(prefix + member.Name);
            names.UnionWith(Names(member.Value, prefix + member.Name + "."));
        }
        return names;
    }

    private static async Task<string> TranscribeAsync(string recording)
    {
        var root = new RootCommand { TranscribeCommand.Create() };
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await root.Parse(["transcribe", recording, "--format", "json", "--device", "cpu", "--vad", "off", "--model", SpeechFixtures.ModelDirectory])
            .InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        Assert.True(code == 0, stderr.ToString());
        return stdout.ToString().Trim();
    }

    /// <summary>Tones the tiny test model hears as known tokens (models/test-tiny/tones.tsv).</summary>
    private static string Tones(string path, params double[] frequencies)
    {
        var parts = frequencies.Select((hz, i) => $"{path}.{i}.part.wav").ToArray();
        for (var i = 0; i < parts.Length; i++)
            Run("sox", "-D", "-n", "-r", "16000", "-b", "16", parts[i], "synth", "0.3", "sine", $"{frequencies[i]}", "vol", "0.3", "pad", "0.2", "0.2");
        Run("sox", ["-D", .. parts, path]);
        foreach (var part in parts) File.Delete(part);
        return path;
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
    }
}
