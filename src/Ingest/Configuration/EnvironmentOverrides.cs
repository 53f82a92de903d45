using FunAsr.Ingest.Pipeline;
namespace FunAsr.Ingest.Configuration;

/// <summary>
/// Environment variables that override the file, for containers and secrets. Each is listed here and in
/// <c>config/funasr-pipeline.yaml</c>; list values are comma-separated.
/// </summary>
internal static class EnvironmentOverrides
{
    public static IReadOnlyList<(string Variable, string Key, Action<IngestSettings, string> Apply)> All { get; } =
    [
        ("FUNASR_DATA_DIR", "data_dir", (s, v) => s.DataDir = v),
        ("FUNASR_MODEL_DIR", "recognizer.model_dir", (s, v) => s.Recognizer.ModelDir = v),
        ("FUNASR_DEVICE", "recognizer.device", (s, v) => s.Recognizer.Device = v),
        ("FUNASR_LANGUAGE", "recognizer.language", (s, v) => s.Recognizer.Language = v),
        ("FUNASR_CHANNEL_ROLES", "recognizer.channel_roles", (s, v) => s.Recognizer.ChannelRoles = SplitList(v)),
        ("FUNASR_VAD", "recognizer.vad", (s, v) => s.Recognizer.Vad = v),
        ("FUNASR_VAD_MODEL_DIR", "recognizer.vad_model_dir", (s, v) => s.Recognizer.VadModelDir = v),
        ("FUNASR_PUNC_DIR", "punctuation.model_dir", (s, v) => s.Punctuation.ModelDir = v),
        (RulePackLocation.EnvironmentVariable, "rules.directory", (s, v) => s.Rules.Directory = v),
        ("FUNASR_API_ENABLED", "api.enabled", (s, v) => s.Api.Enabled = ParseBool("FUNASR_API_ENABLED", v)),
        ("FUNASR_API_URLS", "api.urls", (s, v) => s.Api.Urls = SplitList(v)),
        ("FUNASR_API_KEYS", "api.keys", (s, v) => s.Api.Keys = SplitList(v)),
        ("FUNASR_CLUSTER_ROLE", "cluster.role", (s, v) => s.Cluster.Role = v),
        ("FUNASR_CLUSTER_BROKER", "cluster.broker", (s, v) => s.Cluster.Broker = v),
        ("FUNASR_CLUSTER_CA_FILE", "cluster.ca_file", (s, v) => s.Cluster.CaFile = v),
        ("FUNASR_CLUSTER_WORKER_NAME", "cluster.worker_name", (s, v) => s.Cluster.WorkerName = v),
        ("FUNASR_CLUSTER_AUDIO", "cluster.audio", (s, v) => s.Cluster.Audio = v),
        ("FUNASR_CLUSTER_INTAKE_URL", "cluster.intake_url", (s, v) => s.Cluster.IntakeUrl = v),
        ("FUNASR_CLUSTER_INTAKE_API_KEY", "cluster.intake_api_key", (s, v) => s.Cluster.IntakeApiKey = v),
        ("FUNASR_UI_ENABLED", "ui.enabled", (s, v) => s.Ui.Enabled = ParseBool("FUNASR_UI_ENABLED", v)),
    ];

    /// <summary>Applies every set variable; returns the problems (bad values), naming the variable.</summary>
    public static IReadOnlyList<string> Apply(IngestSettings settings, Func<string, string?> read)
    {
        var problems = new List<string>();
        foreach (var (variable, key, apply) in All)
        {
            var value = read(variable);
            if (string.IsNullOrEmpty(value)) continue;
            try
            {
                apply(settings, value);
            }
            catch (FormatException ex)
            {
                problems.Add($"environment {variable} (overrides {key}): {ex.Message}");
            }
        }
        return problems;
    }

    private static bool ParseBool(string variable, string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new FormatException($"'{value}' is not true/false"),
    };

    private static List<string> SplitList(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
