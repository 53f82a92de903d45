namespace FunAsr.Extractors.Rules;

/// <summary>
/// A rule's <c>when:</c> section; every stated part must hold. Lists mean "any of". An input without a speaker,
/// channel or language does not exclude the rule on that part.
/// </summary>
/// <param name="Speakers">Speaker labels, e.g. <c>customer</c>.</param>
/// <param name="Channels">Audio channels.</param>
/// <param name="Languages">Languages, e.g. <c>zh</c>.</param>
/// <param name="FieldsPresent">Fields other rules must already have extracted from the same input.</param>
/// <param name="Metrics">Call metric bounds: name → (operator, value) with operators gt, gte, lt, lte, eq.</param>
public sealed record RuleCondition(
    IReadOnlyList<string> Speakers,
    IReadOnlyList<int> Channels,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> FieldsPresent,
    IReadOnlyList<(string Metric, string Operator, double Value)> Metrics)
{
    /// <summary>No conditions.</summary>
    public static RuleCondition Always { get; } = new([], [], [], [], []);

    /// <summary>True when no part is stated, so every input is admitted.</summary>
    internal bool StatesNothing => Speakers.Count + Channels.Count + Languages.Count + FieldsPresent.Count + Metrics.Count == 0;

    internal bool Admits(ExtractionInput input)
    {
        if (input.Speaker is { } speaker && Speakers.Count > 0 && !Speakers.Contains(speaker, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }
        if (input.Channel is { } channel && Channels.Count > 0 && !Channels.Contains(channel))
        {
            return false;
        }
        if (input.Language is { } language && language != "auto" && Languages.Count > 0 && !IsOneOfLanguages(language))
        {
            return false;
        }
        // Loops by index: this runs for every rule on every text, and a foreach over an interface allocates.
        for (var i = 0; i < Metrics.Count; i++)
        {
            var (metric, op, bound) = Metrics[i];
            if (input.Metrics is null || !input.Metrics.TryGetValue(metric, out var value) || !Compare(value, op, bound))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="language"/> is (a variant of) a listed language; a loop, as this runs for
    /// every rule on every text and a lambda would capture the language each time.</summary>
    private bool IsOneOfLanguages(string language)
    {
        for (var i = 0; i < Languages.Count; i++)
        {
            if (language.StartsWith(Languages[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Compare(double value, string op, double bound) => op switch
    {
        "gt" => value > bound,
        "gte" => value >= bound,
        "lt" => value < bound,
        "lte" => value <= bound,
        _ => value == bound,
    };
}
