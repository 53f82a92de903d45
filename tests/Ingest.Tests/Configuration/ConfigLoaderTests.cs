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
    public void A_retired_key_says_what_took_its_place()
    {
        var path = Write("""
            sinks:
              - type: elasticsearch
                max_retries: 5
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));
        Assert.Contains($"{path}:3:5: unknown key 'max_retries': retired; every sink is retried on the pipeline's schedule (pipeline.max_attempts)", ex.Message);
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
              extract_max_chars: 0
              extract_timeout_seconds: -1
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment, servesApi: true));
        Assert.Contains(ex.Problems, p => p.Contains("recognizer.device: 'tpu'", StringComparison.Ordinal) && p.StartsWith(path, StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("recognizer.batch_size", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("pipeline.max_attempts", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("api.keys", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("api.extract_max_chars: must be at least 1 (got 0)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("api.extract_timeout_seconds: must be above 0 (got -1)", StringComparison.Ordinal));
    }

    [Fact]
    public void Itn_profile_and_whitelist_and_hotwords_reach_the_transcriber_options()
    {
        var dir = SpeechFixtures.TempDirectory();
        File.WriteAllText(Path.Combine(dir, "whitelist.tsv"), "一点点\n");
        File.WriteAllText(Path.Combine(dir, "hotwords.txt"), "会员权益 :3\n退款流程\n");
        var path = Write($"""
            data_dir: {Path.Combine(dir, "data")}
            itn:
              profile: wetext
              whitelist: {Path.Combine(dir, "whitelist.tsv")}
            hotwords:
              file: {Path.Combine(dir, "hotwords.txt")}
              score: 1.5
              beam_size: 12
            """);

        using var services = new IngestServices(ConfigLoader.Load(path, NoEnvironment), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var options = services.TranscriberOptions();

        Assert.Equal(("wetext", Path.Combine(dir, "whitelist.tsv")), (options.Itn!.Profile, options.Itn.WhitelistPath));
        Assert.Equal(["会员权益", "退款流程"], options.Hotwords!.Phrases.Select(p => p.Phrase));
        Assert.Equal((1.5f, 12), (options.Hotwords.ScorePerToken, options.Hotwords.BeamSize));
    }

    [Fact]
    public void Bad_itn_and_hotword_settings_are_reported_with_their_keys()
    {
        var dir = SpeechFixtures.TempDirectory();
        var hotwords = Path.Combine(dir, "hotwords.txt");
        File.WriteAllText(hotwords, "退款流程 :abc\n");
        var path = Write($"""
            itn:
              profile: fancy
              whitelist: {Path.Combine(dir, "missing.tsv")}
            hotwords:
              file: {hotwords}
              beam_size: 0
            """);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Contains(ex.Problems, p => p.Contains("itn.profile: 'fancy' is not one of callcentre, wetext, nemo", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains($"itn.whitelist: file '{Path.Combine(dir, "missing.tsv")}' does not exist", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains($"hotwords.file: {hotwords}:1: ':abc' is not a score", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("hotwords.beam_size", StringComparison.Ordinal));
    }

    [Fact]
    public void The_punctuation_section_and_fsmn_vad_reach_the_transcriber_options()
    {
        var dir = SpeechFixtures.TempDirectory();
        var punc = RepoPaths.Of("models", "tiny-funasr", "punc");
        var fsmn = RepoPaths.Of("models", "tiny-funasr", "fsmn-vad");
        var path = Write($"""
            data_dir: {Path.Combine(dir, "data")}
            recognizer:
              vad: fsmn
              vad_model_dir: {fsmn}
            punctuation:
              model_dir: {punc}
            """);
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        using var services = new IngestServices(ConfigLoader.Load(path, NoEnvironment), logger);
        var options = services.TranscriberOptions();

        Assert.Equal(("fsmn", fsmn, punc), (options.Vad.Method, options.Vad.ModelPath, options.Punctuation?.ModelDirectory));
    }

    [Fact]
    public void Fsmn_without_its_folder_and_a_missing_punctuation_folder_are_reported_with_their_keys()
    {
        var path = Write("""
            recognizer:
              vad: fsmn
            punctuation:
              model_dir: /no/such/punc
            """);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Contains(ex.Problems, p => p.Contains("recognizer.vad_model_dir: vad fsmn needs the FSMN-VAD folder", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("punctuation.model_dir: folder '/no/such/punc' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void The_language_model_section_reaches_the_transcriber_options_and_enabled_false_turns_it_off()
    {
        var dir = SpeechFixtures.TempDirectory();
        var arpa = Path.Combine(dir, "domain.arpa");
        File.WriteAllText(arpa, "\\data\\\n");
        var tuned = Write($"""
            data_dir: {Path.Combine(dir, "data")}
            language_model:
              file: {arpa}
              weight: 0.25
              token_bonus: 2
              beam_size: 10
              languages: [zh]
            """);
        var off = Write($"""
            data_dir: {Path.Combine(dir, "data")}
            language_model:
              enabled: false
            """);
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

        using var tunedServices = new IngestServices(ConfigLoader.Load(tuned, NoEnvironment), logger);
        using var offServices = new IngestServices(ConfigLoader.Load(off, NoEnvironment), logger);
        using var defaultServices = new IngestServices(ConfigLoader.Load(Write($"data_dir: {Path.Combine(dir, "data")}"), NoEnvironment), logger);

        var tunedOptions = tunedServices.TranscriberOptions().LanguageModel!;
        Assert.Equal(["zh"], tunedOptions.Languages!);
        Assert.Equal(new FunAsr.Recognizer.LanguageModelOptions { File = arpa, Weight = 0.25f, TokenBonus = 2f, BeamSize = 10 },
            tunedOptions with { Languages = null });
        Assert.Null(offServices.TranscriberOptions().LanguageModel);
        Assert.Equal(FunAsr.Recognizer.LanguageModelOptions.Default, defaultServices.TranscriberOptions().LanguageModel);
    }

    [Fact]
    public void Bad_language_model_settings_are_reported_with_their_keys()
    {
        var dir = SpeechFixtures.TempDirectory();
        var path = Write($"""
            language_model:
              file: {Path.Combine(dir, "missing.arpa")}
              weight: -1
              beam_size: 0
              languages: []
            """);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Contains(ex.Problems, p => p.Contains($"language_model.file: '{Path.Combine(dir, "missing.arpa")}' does not exist", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("language_model.weight: must be a number ≥ 0 (got -1)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("language_model.beam_size: must be at least 1 (got 0)", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("language_model.languages: must name at least one language", StringComparison.Ordinal));
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
    public void The_web_page_is_on_by_default_turned_off_by_its_variable_and_a_bad_session_length_names_the_key()
    {
        Assert.True(ConfigLoader.Load(Write("data_dir: /tmp/x\n"), NoEnvironment).Ui.Enabled);
        var env = new Dictionary<string, string> { ["FUNASR_UI_ENABLED"] = "false" };
        Assert.False(ConfigLoader.Load(Write("data_dir: /tmp/x\n"), env.GetValueOrDefault).Ui.Enabled);

        var path = Write("""
            api:
              enabled: true
              keys: [k1]
            ui:
              session_hours: 0
            """);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment, servesApi: true));
        Assert.Contains("ui.session_hours: must be above 0 (got 0)", ex.Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var env = new Dictionary<string, string> { ["FUNASR_API_ENABLED"] = "maybe" };
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(null, env.GetValueOrDefault));
        Assert.Contains("FUNASR_API_ENABLED", ex.Message);
    }

    [Fact]
    public void An_invalid_value_from_an_environment_variable_names_the_variable_not_the_file()
    {
        var path = Write("recognizer:\n  device: cpu\n");
        var env = new Dictionary<string, string> { ["FUNASR_DEVICE"] = "tpu" };

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, env.GetValueOrDefault));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal("environment FUNASR_DEVICE (overrides recognizer.device): 'tpu' is not valid: use auto, cpu, cuda or cuda:N, tensorrt or tensorrt:N (N = GPU ordinal)", problem);
    }

    [Theory]
    [InlineData("pipeline:\n  max_attempts: abc\n", ":2:17: pipeline.max_attempts: expected an integer, got \"abc\"")]
    [InlineData("sources:\n  - type: folder\n    stable_seconds: soon\n", ":3:21: sources[0].stable_seconds: expected a number, got \"soon\"")]
    [InlineData("api:\n  enabled: maybe\n", ":2:12: api.enabled: expected true or false, got \"maybe\"")]
    [InlineData("api:\n  urls: http://x\n", ":2:9: api.urls: expected a list, got \"http://x\"")]
    [InlineData("recognizer:\n  device:\n    name: cpu\n", ":3:5: recognizer.device: expected a string, got a section")]
    [InlineData("sinks:\n  - type: elasticsearch\n    max_batch_documents: lots\n", ":3:26: sinks[0].max_batch_documents: expected an integer, got \"lots\"")]
    public void A_value_of_the_wrong_type_names_line_column_and_key(string yaml, string expected)
    {
        var path = Write(yaml);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Equal(path + expected, Assert.Single(ex.Problems));
    }

    [Fact]
    public void Api_keys_are_required_only_by_the_command_that_serves_the_api()
    {
        var path = Write("api:\n  enabled: true\n");

        Assert.True(ConfigLoader.Load(path, NoEnvironment).Api.Enabled);
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment, servesApi: true));
        Assert.Contains("api.keys", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Hotwords_from_rules_add_the_rule_literals_and_a_recordings_phrases_are_scored_as_configured()
    {
        var options = new HotwordSettings { FromRules = true }.Options(["退款", "refund"])!;
        Assert.Equal(["退款", "refund"], options.Phrases.Select(p => p.Phrase));
        Assert.Null(new HotwordSettings().Options(["退款"]));

        var own = new HotwordSettings { Score = 1.5f, BeamSize = 12 }.With([new Recognizer.Hotword("青果会员", 3.5f)]);
        Assert.Equal((1.5f, 12, 3.5f), (own.ScorePerToken, own.BeamSize, own.Phrases[0].Score!.Value));
    }
}
