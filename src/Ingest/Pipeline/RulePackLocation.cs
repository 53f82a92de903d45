namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Where the rule pack comes from, resolved like the model: the folder given (<c>--rules</c>, <c>rules.directory</c>),
/// else <c>FUNASR_RULES_DIR</c>, else the bundled <c>rules/</c> found by walking up from the application folder (so a
/// checkout, its build output and an installed copy with <c>rules/</c> beside the app all find it, from any working
/// directory).
/// </summary>
/// <param name="Directory">The rule folder, absolute.</param>
/// <param name="Origin">What chose it: the option or key given, the environment variable, or <c>bundled</c>.</param>
internal sealed record RulePackLocation(string Directory, string Origin)
{
    public const string EnvironmentVariable = "FUNASR_RULES_DIR";

    /// <summary>The rule folder to load, or null when none is given and none is bundled.</summary>
    /// <param name="given">The folder named by <paramref name="givenBy"/>, or null.</param>
    /// <param name="givenBy">How <paramref name="given"/> was named, for messages (<c>--rules</c>, <c>rules.directory</c>).</param>
    public static RulePackLocation? Resolve(string? given, string givenBy)
    {
        if (given is not null) return new(Path.GetFullPath(given), givenBy);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return new(Path.GetFullPath(fromEnvironment), EnvironmentVariable);
        return Bundled() is { } bundled ? new(bundled, "bundled") : null;
    }

    private static string? Bundled()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rules");
            if (System.IO.Directory.Exists(candidate) && System.IO.Directory.EnumerateFiles(candidate, "*.yaml", SearchOption.AllDirectories).Any())
                return candidate;
        }
        return null;
    }
}
