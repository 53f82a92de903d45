using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Sinks.JsonLines;
using FunAsr.Ingest.Sinks.Sqlite;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static string Write(string yaml)
    {
        var path = Path.Combine(SpeechFixtures.TempDirectory(), "funasr-pipeline.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void The_committed_sample_configuration_loads()
    {
        var settings = ConfigLoader.Load(RepoPaths.Of("config", "funasr-pipeline.yaml"), NoEnvironment);
        Assert.IsType<SqliteSinkOptions>(Assert.Single(settings.Sinks));
        Assert.False(settings.Api.Enabled);
    }

    [Fact]
    public void Sources_and_sinks_are_chosen_by_type()
    {
        var settings = ConfigLoader.Load(Write("""
            sources:
              - type: folder
                path: /srv/inbox
                stable_seconds: 5
            sinks:
              - type: sqlite
              - type: json_lines
                path: out.ndjson
            """), NoEnvironment);
        Assert.Equal(5, Assert.IsType<FolderSourceOptions>(Assert.Single(settings.Sources)).StableSeconds);
        Assert.IsType<JsonLinesSinkOptions>(settings.Sinks[1]);
    }

    [Fact]
    public void An_unknown_key_is_an_error_naming_file_line_and_key()
    {
        var path = Write("""
            pipeline:
              max_attempts: 3
              max_attempt: 4
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));
        Assert.Contains($"{path}:3:3: unknown key 'max_attempt'", ex.Message);
    }

    [Fact]
    public void Every_invalid_value_is_reported_with_its_key()
    {
        var path = Write("""
            recognizer:
              device: tpu
              batch_size: 0
            pipeline:
              max_attempts: 0
            api:
              enabled: true
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));
        Assert.Contains(ex.Problems, p => p.Contains("recognizer.device: 'tpu'", StringComparison.Ordinal) && p.StartsWith(path, StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("recognizer.batch_size", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("pipeline.max_attempts", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("api.keys", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_sink_type_lists_the_known_ones()
    {
        var path = Write("""
            sinks:
              - type: kafka
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));
        Assert.Contains("json_lines", ex.Message);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        var path = Write("""
            data_dir: /var/lib/funasr
            api:
              enabled: false
            """);
        var env = new Dictionary<string, string> { ["FUNASR_DATA_DIR"] = "/tmp/elsewhere", ["FUNASR_API_ENABLED"] = "true", ["FUNASR_API_KEYS"] = "k1, k2" };
        var settings = ConfigLoader.Load(path, env.GetValueOrDefault);
        Assert.Equal("/tmp/elsewhere", settings.DataDir);
        Assert.True(settings.Api.Enabled);
        Assert.Equal(["k1", "k2"], settings.Api.Keys);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var env = new Dictionary<string, string> { ["FUNASR_API_ENABLED"] = "maybe" };
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, env.GetValueOrDefault));
        Assert.Contains("FUNASR_API_ENABLED", ex.Message);
    }
}
