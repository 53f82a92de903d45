using FunAsr.Ingest.Sinks;

namespace FunAsr.Ingest.Sinks.JsonLines;

/// <summary>
/// <c>type: json_lines</c>: appends each document to an NDJSON file in Elasticsearch bulk format
/// (an <c>index</c> action line, then the document), ready for <c>curl --data-binary @file _bulk</c>.
/// </summary>
internal sealed class JsonLinesSinkOptions : SinkOptions
{
    public JsonLinesSinkOptions() => Type = "json_lines";

    /// <summary>Output file; null means <c>&lt;data_dir&gt;/recordings.ndjson</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The <c>_index</c> written in each action line.</summary>
    public string Index { get; set; } = "funasr-recordings";

    public string ResolvePath(string dataDir) =>
        System.IO.Path.GetFullPath(Path ?? System.IO.Path.Combine(dataDir, "recordings.ndjson"));

    public override IEnumerable<string> Validate(string key)
    {
        if (string.IsNullOrWhiteSpace(Index)) yield return $"{key}.index: required";
    }
}
