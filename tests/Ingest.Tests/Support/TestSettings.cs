using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>Settings for an in-process pipeline over a temporary inbox, with the test model and the repo's rules when present.</summary>
internal static class TestSettings
{
    public static IngestSettings For(string root)
    {
        // Named so every build layout segments with silero; otherwise a build outside the checkout falls back to energy VAD.
        if (Environment.GetEnvironmentVariable("SILERO_VAD_PATH") is null)
            Environment.SetEnvironmentVariable("SILERO_VAD_PATH", RepoPaths.Of("models", "silero-vad", "silero_vad.onnx"));
        var rules = RepoPaths.Of("rules");
        return new IngestSettings
        {
            DataDir = Path.Combine(root, "data"),
            Sources = [new FolderSourceOptions { Path = Path.Combine(root, "inbox"), StableSeconds = 0 }],
            Sinks = [new SqliteSinkOptions()],
            Recognizer = { ModelDir = SpeechFixtures.ModelDirectory, Device = "cpu", BatchSize = 2 },
            Rules = { Directory = Directory.Exists(rules) && Directory.EnumerateFiles(rules, "*.yaml", SearchOption.AllDirectories).Any() ? rules : null },
            Pipeline = { RetryBackoffSeconds = 0, PollSeconds = 0.1 },
        };
    }
}
