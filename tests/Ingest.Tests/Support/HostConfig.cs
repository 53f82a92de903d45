namespace FunAsr.Ingest.Tests.Support;

/// <summary>The config file of a host started by a test: data in <c>root/data</c>, the test model on the CPU, no retry backoff, plus the test's own sections.</summary>
internal static class HostConfig
{
    /// <summary>Writes <c>root/funasr-pipeline.yaml</c> and returns its path; <paramref name="sections"/> is YAML at the top level (sources, sinks, api…).</summary>
    public static string Write(string root, string sections)
    {
        var path = Path.Combine(root, "funasr-pipeline.yaml");
        File.WriteAllText(path, $"""
            data_dir: {root}/data
            recognizer:
              model_dir: {SpeechFixtures.ModelDirectory}
              device: cpu
            pipeline:
              retry_backoff_seconds: 0
              poll_seconds: 0.2

            """ + sections);
        return path;
    }
}
