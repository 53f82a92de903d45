namespace FunAsr.Extractors;

/// <summary>
/// A rule directory could not be loaded. Every problem found in every file is listed (a bad file never half-loads);
/// <see cref="Exception.Message"/> lists them one per line as <c>path:line:col: message</c>.
/// </summary>
public sealed class RuleFileException : Exception
{
    /// <summary>Creates the exception from the collected problems (at least one).</summary>
    public RuleFileException(IReadOnlyList<RuleProblem> problems)
        : base($"{problems.Count} problem(s) in rule files:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
    {
        Problems = problems;
    }

    /// <summary>The problems, in file then position order.</summary>
    public IReadOnlyList<RuleProblem> Problems { get; }
}
