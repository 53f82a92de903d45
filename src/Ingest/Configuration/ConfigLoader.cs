using System.Text.RegularExpressions;
using FunAsr.Ingest.Sinks;
using FunAsr.Ingest.Sources;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using FunAsr.Ingest.Sources.Upload;

namespace FunAsr.Ingest.Configuration;

/// <summary>
/// Reads <see cref="IngestSettings"/>: the YAML file (unknown keys are errors), then <see cref="EnvironmentOverrides"/>,
/// then validation that collects every problem before throwing one <see cref="ConfigException"/>.
/// </summary>
internal static partial class ConfigLoader
{
    /// <summary>The variable naming the config file when <c>--config</c> is not given.</summary>
    public const string ConfigVariable = "FUNASR_CONFIG";

    /// <summary>Loads <paramref name="path"/> (or <c>$FUNASR_CONFIG</c>, or built-in defaults when both are absent).</summary>
    /// <param name="path">The file given by <c>--config</c>, or null.</param>
    /// <param name="environment">Reads environment variables (the process environment when null).</param>
    /// <param name="servesApi">
    /// True for <c>run</c>, which serves the API when it is enabled and so needs its keys; commands that only read local
    /// state (<c>status</c>, <c>search</c>) load the same file without them.
    /// </param>
    public static IngestSettings Load(string? path, Func<string, string?>? environment = null, bool servesApi = false)
    {
        environment ??= Environment.GetEnvironmentVariable;
        path ??= environment(ConfigVariable) is { Length: > 0 } fromEnv ? fromEnv : null;
        var settings = path is null ? new IngestSettings() : Parse(path);
        var source = path is null ? "built-in defaults" : Path.GetFullPath(path);
        var problems = new List<string>(EnvironmentOverrides.Apply(settings, environment));
        var overridden = EnvironmentOverrides.All.Where(o => !string.IsNullOrEmpty(environment(o.Variable))).ToList();
        problems.AddRange(Validate(settings, servesApi).Select(p => Attribute(p, source, path is not null, overridden)));
        if (problems.Count > 0) throw new ConfigException(source, problems);
        return settings;
    }

    /// <summary>A problem with a value an environment variable set names the variable, not the file.</summary>
    private static string Attribute(string problem, string source, bool fromFile,
        IReadOnlyList<(string Variable, string Key, Action<IngestSettings, string> Apply)> overridden)
    {
        foreach (var (variable, key, _) in overridden)
            if (problem.StartsWith(key + ":", StringComparison.Ordinal))
                return $"environment {variable} (overrides {key}):{problem[(key.Length + 1)..]}";
        return fromFile ? $"{source}: {problem}" : problem;
    }

    private static IngestSettings Parse(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new ConfigException(full, [$"{full}: configuration file not found (given by --config or {ConfigVariable})"]);
        try
        {
            using var reader = File.OpenText(full);
            var settings = BuildDeserializer().Deserialize<IngestSettings?>(reader) ?? new IngestSettings();
            settings.SourceFile = full;
            FillEmptySections(settings);
            return settings;
        }
        catch (YamlException ex)
        {
            throw new ConfigException(full, [$"{full}:{ex.Start.Line}:{ex.Start.Column}: {Describe(ex, full)}"]);
        }
    }

    /// <summary>A section written with only comments under it (<c>rules:</c>) reads as null; it means "defaults".</summary>
    private static void FillEmptySections(IngestSettings s)
    {
        s.Sources ??= [];
        s.Recognizer ??= new();
        s.Itn ??= new();
        s.Punctuation ??= new();
        s.Hotwords ??= new();
        s.LanguageModel ??= new();
        s.Rules ??= new();
        s.Pipeline ??= new();
        s.Sinks ??= [];
        s.Alerts ??= new();
        s.Alerts.Webhooks ??= [];
        s.Api ??= new();
        s.Cluster ??= new();
    }

    private static IDeserializer BuildDeserializer() => new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithTypeDiscriminatingNodeDeserializer(o =>
        {
            o.AddKeyValueTypeDiscriminator<SourceOptions>("type",
                ComponentCatalog.Sources.ToDictionary(r => r.Id, r => r.OptionsType));
            o.AddKeyValueTypeDiscriminator<SinkOptions>("type",
                ComponentCatalog.Sinks.ToDictionary(r => r.Id, r => r.OptionsType));
        })
        .Build();

    /// <summary>Keys earlier versions took, with what took their place, so an old config says how to update it.</summary>
    private static readonly Dictionary<string, string> RetiredKeys = new()
    {
        ["max_retries"] = "every sink is retried on the pipeline's schedule (pipeline.max_attempts)",
        ["initial_backoff_seconds"] = "every sink is retried on the pipeline's schedule (pipeline.retry_backoff_seconds)",
        ["max_backoff_seconds"] = "every sink is retried on the pipeline's schedule (pipeline.retry_max_backoff_seconds)",
    };

    /// <summary>Turns YamlDotNet's messages into ones that name the key and list what is allowed.</summary>
    private static string Describe(YamlException ex, string path)
    {
        var innermost = ex;
        while (innermost.InnerException is YamlException inner) innermost = inner;
        var message = innermost.InnerException?.Message ?? innermost.Message;
        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
            return RetiredKeys.TryGetValue(unknown.Groups["key"].Value, out var replacement)
                ? $"unknown key '{unknown.Groups["key"].Value}': retired; {replacement}"
                : $"unknown key '{unknown.Groups["key"].Value}'";
        if (ConfigValueLocator.Describe(File.ReadAllText(path), ex.Start) is { } wrongType)
            return wrongType;
        if (message.Contains("Failed to create an instance of type", StringComparison.Ordinal) ||
            message.Contains("Cannot dynamically create an instance of type", StringComparison.Ordinal))
            return "unknown or missing 'type:'; known types are: sources " +
                   string.Join(", ", ComponentCatalog.Sources.Select(r => r.Id)) + "; sinks " +
                   string.Join(", ", ComponentCatalog.Sinks.Select(r => r.Id));
        return message;
    }

    private static IEnumerable<string> Validate(IngestSettings s, bool servesApi)
    {
        if (string.IsNullOrWhiteSpace(s.DataDir)) yield return "data_dir: required";
        for (var i = 0; i < s.Sources.Count; i++)
        {
            foreach (var p in s.Sources[i].Validate($"sources[{i}]")) yield return p;
            if (s.Sources[i] is UploadSourceOptions && !s.Api.Enabled) yield return $"sources[{i}]: the upload source needs api.enabled: true";
        }
        if (s.Sinks.Count == 0) yield return "sinks: at least one sink is required (for example '- type: sqlite')";
        for (var i = 0; i < s.Sinks.Count; i++)
            foreach (var p in s.Sinks[i].Validate($"sinks[{i}]")) yield return p;
        foreach (var p in s.Recognizer.Validate()
                     .Concat(s.Itn.Validate()).Concat(s.Punctuation.Validate()).Concat(s.Hotwords.Validate()).Concat(s.LanguageModel.Validate()).Concat(s.Rules.Validate()).Concat(s.Pipeline.Validate())
                     .Concat(s.Alerts.Validate()).Concat(servesApi ? s.Api.Validate().Concat(s.Ui.Validate()) : []).Concat(s.Cluster.Validate()))
            yield return p;
    }

    [GeneratedRegex("Property '(?<key>[^']+)' not found on type")]
    private static partial Regex UnknownProperty();
}
