using System.Globalization;

namespace FunAsr.Recognizer;

/// <summary>
/// Context biasing: the phrases to favour and how strongly. With phrases set, the transcriber decodes with CTC prefix
/// beam search over an Aho-Corasick context graph (WeNet <c>context_graph.cc</c>, sherpa-onnx <c>context-graph.cc</c>):
/// each token that extends a phrase adds <see cref="ScorePerToken"/> to the hypothesis, and the bonus of a partial
/// match is taken back when the match breaks off or the utterance ends. Without phrases (and without a
/// <see cref="LanguageModelOptions"/> file) decoding stays greedy.
/// </summary>
public sealed record HotwordOptions
{
    /// <summary>Tuned on the demo model's hotword evaluation (tools/hotwords, bench/results/*-hotwords.md).</summary>
    internal const float DefaultScorePerToken = 3.0f;

    /// <summary>Tuned on the same evaluation: 8 and 16 found few hotwords, 64 finds more at twice the cost of 32.</summary>
    internal const int DefaultBeamSize = 32;

    /// <summary>The phrases; a phrase with a piece the model does not know is skipped and reported (see <see cref="Transcriber.SkippedHotwords"/>).</summary>
    public IReadOnlyList<Hotword> Phrases { get; init; } = [];

    /// <summary>Log-probability bonus per matched token (sherpa-onnx <c>hotwords_score</c>, WeNet <c>context_score</c>).</summary>
    /// <value>3.0.</value>
    public float ScorePerToken { get; init; } = DefaultScorePerToken;

    /// <summary>Prefixes kept per frame, and candidate tokens tried per frame, by the prefix beam search.</summary>
    /// <value>32.</value>
    public int BeamSize { get; init; } = DefaultBeamSize;

    /// <summary>
    /// This list extended by <paramref name="more"/> (a per-inbox or per-request list on top of the deployment's): every
    /// phrase of both, each keeping the score it has in its own list (its <c>:score</c>, else its list's
    /// <see cref="ScorePerToken"/>), and the wider of the two beams. A phrase in both keeps the higher score.
    /// </summary>
    public HotwordOptions Extend(HotwordOptions more) => new()
    {
        Phrases = [.. WithScores(), .. more.WithScores()],
        ScorePerToken = more.ScorePerToken,
        BeamSize = Math.Max(BeamSize, more.BeamSize),
    };

    /// <summary>What decoding depends on (beam size, phrases and their scores), not where the phrases came from.</summary>
    internal string ContentKey() =>
        $"{BeamSize}\n{string.Join('\n', WithScores().Select(p => $"{p.Phrase}\t{p.Score!.Value.ToString("R", CultureInfo.InvariantCulture)}"))}";

    private IEnumerable<Hotword> WithScores() => Phrases.Select(p => p with { Score = p.Score ?? ScorePerToken });

    /// <summary>
    /// Reads a hotword file: one phrase per line, an optional trailing <c>:score</c> field (bonus per token for that
    /// phrase, as in sherpa-onnx <c>--hotwords-file</c>), blank lines and lines starting with <c>#</c> ignored.
    /// Example lines: <c>退款流程</c>, <c>会员权益 :3</c>, <c>gold membership</c>, <c>▁GOLD ▁MEMBER SHIP :2.5</c>.
    /// </summary>
    /// <exception cref="HotwordFileException">The file is missing or has malformed lines (all listed).</exception>
    public static HotwordOptions Load(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new HotwordFileException([$"{path}: cannot read the hotword file: {e.Message}"], e);
        }

        return new HotwordOptions { Phrases = Parse(lines, path) };
    }

    /// <summary>Parses hotword lines (the format of <see cref="Load"/>); <paramref name="source"/> names them in messages.</summary>
    /// <exception cref="HotwordFileException">Malformed lines (all listed as <c>source:line: message</c>).</exception>
    public static IReadOnlyList<Hotword> Parse(IEnumerable<string> lines, string source)
    {
        var phrases = new List<Hotword>();
        var problems = new List<string>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }

            var origin = $"{source}:{number}";
            float? score = null;
            var words = new List<string>();
            foreach (var field in fields)
            {
                if (field.StartsWith(':'))
                {
                    if (float.TryParse(field.AsSpan(1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && float.IsFinite(value) && value > 0)
                    {
                        score = value;
                    }
                    else
                    {
                        problems.Add($"{origin}: '{field}' is not a score; write ':<positive number>' after the phrase, e.g. '退款流程 :2.5'.");
                    }
                }
                else if (field.Length > 1 && field[0] is '#' or '@' && words.Count > 0)
                {
                    problems.Add($"{origin}: '{field}' is a sherpa-onnx keyword-spotting field; hotword lines take only a phrase and ':score'.");
                }
                else
                {
                    words.Add(field);
                }
            }

            if (words.Count == 0)
            {
                problems.Add($"{origin}: a score without a phrase.");
                continue;
            }

            phrases.Add(new Hotword(string.Join(' ', words), score, origin));
        }

        if (problems.Count > 0)
        {
            throw new HotwordFileException(problems);
        }

        return phrases;
    }
}
