using System.Text.RegularExpressions;

namespace FunAsr.Extractors.Grok;

/// <summary>
/// A compiled grok expression: the .NET regex, the side table of captures, and the expanded pattern (what a grok
/// debugger shows). Thread-safe; compile once and reuse.
/// </summary>
internal sealed class GrokExpression
{
    private readonly int[] _groupNumbers;

    /// <summary>Per capture, its value when the group did not participate: immutable, so one serves every match.</summary>
    private readonly GrokCaptureValue[] _absent;
    private const int ColdRetries = 4;
    private volatile bool _warm;

    internal GrokExpression(string grok, string expanded, Regex regex, IReadOnlyList<GrokCapture> captures)
    {
        Grok = grok;
        Expanded = expanded;
        Regex = regex;
        Captures = captures;
        _groupNumbers = captures.Select(c => regex.GroupNumberFromName(c.GroupName)).ToArray();
        _absent = captures.Select(c => new GrokCaptureValue(c, null, -1, 0)).ToArray();
        Prefilter = LiteralPrefilter.For(expanded, regex.Options);
    }

    /// <summary>The grok expression as written.</summary>
    public string Grok { get; }

    /// <summary>The .NET regex source after expansion and rewrites.</summary>
    public string Expanded { get; }

    /// <summary>The compiled regex (carries the match timeout).</summary>
    public Regex Regex { get; }

    /// <summary>The captures, in the order they appear in the expression.</summary>
    public IReadOnlyList<GrokCapture> Captures { get; }

    /// <summary>The literals a text must hold to match, checked before the regex runs; null when none is certain.</summary>
    public LiteralPrefilter? Prefilter { get; }

    /// <summary>True when compiled with <c>RegexOptions.NonBacktracking</c>.</summary>
    public bool IsNonBacktracking => (Regex.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>The first match at or after <paramref name="start"/>, or null. Throws
    /// <see cref="RegexMatchTimeoutException"/> when the match runs past the timeout. <paramref name="prefiltered"/>:
    /// the caller has already checked <see cref="Prefilter"/> on this text (a <see cref="CombinedPrefilter"/>).</summary>
    public GrokMatch? Match(string text, int start = 0, bool prefiltered = false) => Timed(text, (start, prefiltered), static (self, text, argument) =>
    {
        if (!argument.prefiltered && !self.MayMatch(text, argument.start))
        {
            return null;
        }
        var match = self.Regex.Match(text, argument.start);
        return match.Success ? self.ToGrokMatch(match, text) : null;
    });

    /// <summary>Whether the expression matches anywhere in <paramref name="text"/>; builds no match object, so it is
    /// the cheap test for rules that only tag.</summary>
    public bool IsMatch(string text, bool prefiltered = false) =>
        Timed(text, prefiltered, static (self, text, prefiltered) => (prefiltered || self.MayMatch(text, 0)) && self.Regex.IsMatch(text));

    /// <summary>Every non-overlapping match, left to right; <paramref name="cancellationToken"/> is checked between matches.</summary>
    public IReadOnlyList<GrokMatch> Matches(string text, CancellationToken cancellationToken = default, bool prefiltered = false) =>
        Timed(text, (cancellationToken, prefiltered), static (self, text, argument) =>
    {
        var cancellationToken = argument.cancellationToken;
        var match = argument.prefiltered || self.MayMatch(text, 0) ? self.Regex.Match(text) : System.Text.RegularExpressions.Match.Empty;
        if (!match.Success)
        {
            return (IReadOnlyList<GrokMatch>)[];
        }
        var matches = new List<GrokMatch>();
        for (; match.Success; match = match.NextMatch())
        {
            cancellationToken.ThrowIfCancellationRequested();
            matches.Add(self.ToGrokMatch(match, text));
        }
        return matches;
    });

    /// <summary>
    /// A compiled regex JIT-compiles its three matcher methods on first use, and on a busy machine that alone can
    /// exceed a tight timeout; so until the expression has completed one match, a timeout is retried (each attempt
    /// compiles at least one more method, hence three). Callers pass static
    /// lambdas over their arguments, so no closure is allocated per call.
    /// </summary>
    private T Timed<TArgument, T>(string text, TArgument argument, Func<GrokExpression, string, TArgument, T> match)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = match(this, text, argument);
                if (!_warm)
                {
                    _warm = true;
                }
                return result;
            }
            catch (RegexMatchTimeoutException) when (!_warm && attempt < ColdRetries)
            {
            }
        }
    }

    /// <summary>False when the text after <paramref name="start"/> lacks a literal every match contains.</summary>
    private bool MayMatch(string text, int start) => Prefilter is null || Prefilter.MayMatch(text.AsSpan(start));

    private GrokMatch ToGrokMatch(Match match, string text)
    {
        var values = new GrokCaptureValue[Captures.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var group = match.Groups[_groupNumbers[i]];
            values[i] = group.Success
                ? new GrokCaptureValue(Captures[i], group.Value, group.Index, group.Length)
                : _absent[i];
        }
        return new GrokMatch(match.Index, match.Length, text, values);
    }
}
