using System.CommandLine;
namespace FunAsr.Ingest.Cli;

/// <summary>Options several commands share, so each is described the same way everywhere.</summary>
internal static class CliOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = "YAML configuration file (default: $FUNASR_CONFIG, else built-in defaults). " +
                      "See config/funasr-pipeline.yaml for every key. Example: --config /etc/funasr/funasr-pipeline.yaml",
    };

    public static Option<string[]> Fields() => new("--field", "-f")
    {
        Description = "Only recordings with this extracted field value (repeatable). Example: --field phone=13812345678",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Since() => new("--since")
    {
        Description = "Only calls started (or processed) since: an ISO date/time or an age. Examples: --since 2025-01-31, --since 24h, --since 7d",
    };

    public static Option<int> Limit(int defaultValue) => new("--limit", "-n")
    {
        Description = $"Maximum number of results (default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary><c>--threads</c>: ONNX Runtime threads inside one operator; null when not given (<paramref name="otherwise"/>
    /// says what then runs).</summary>
    public static Option<int?> Threads(string otherwise) => NonNegative(new Option<int?>("--threads")
    {
        Description = "Threads ONNX Runtime uses inside one operator; 0 lets it choose (one per core). Idle threads sleep " +
                      $"rather than spin. Default: {otherwise}. Example: --threads 1",
    });

    /// <summary><c>--inter-op-threads</c>: ONNX Runtime threads running independent operators side by side; null when not given.</summary>
    public static Option<int?> InterOpThreads(string otherwise) => NonNegative(new Option<int?>("--inter-op-threads")
    {
        Description = $"Threads ONNX Runtime uses to run independent operators side by side; 0 lets it choose. Default: {otherwise}. Example: --inter-op-threads 1",
    });

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log every recording (information level) to stderr instead of warnings and errors only.",
    };

    private static Option<int?> NonNegative(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() < 0)
            {
                result.AddError($"{option.Name} must be 0 (automatic) or more.");
            }
        });
        return option;
    }
}
