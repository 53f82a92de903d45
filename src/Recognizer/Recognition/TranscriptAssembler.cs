using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Punctuation;

namespace FunAsr.Recognizer.Recognition;

/// <summary>
/// Decoded utterances → <see cref="TranscriptSegment"/>s (punctuated when a model is loaded, then inverse-normalized),
/// and a recording's segments → its <see cref="Transcript"/> with speakers, turns and metrics.
/// </summary>
internal sealed class TranscriptAssembler(ModelSet models, string language, string vadMethod)
{
    /// <summary>The segment of <paramref name="lengthSamples"/> samples from <paramref name="startSample"/> of a channel.</summary>
    public TranscriptSegment Segment(DecodedUtterance utterance, int channel, long startSample, int lengthSamples)
    {
        var rate = (double)models.Info.SampleRateHz;
        var start = TimeSpan.FromSeconds(startSample / rate);
        var end = TimeSpan.FromSeconds((startSample + lengthSamples) / rate);
        var segmentLanguage = utterance.Language.Length > 0 ? utterance.Language
            : language.Equals("auto", StringComparison.OrdinalIgnoreCase) ? "" : language;
        var punctuated = Punctuate(utterance.Text);
        var tokens = utterance.Tokens.Select(t => new TranscriptToken(t.Text, start + t.Start, punctuated.Offsets[t.RawOffset])).ToArray();
        // The LLM writes the form its prompt asked for; our ITN would normalise it twice.
        var itn = models.Nano is null ? Normalize(punctuated.Text, segmentLanguage) : new ItnResult(punctuated.Text, punctuated.Text, []);
        return new TranscriptSegment(start, end, channel, null, segmentLanguage, itn.Written, punctuated.Text, tokens, itn.Spans)
        {
            Emotion = utterance.Emotion,
            Event = utterance.Event,
            Timestamps = models.Nano is null ? null : TranscriptSegment.ApproximateTimestamps,
        };
    }

    /// <summary>The recording's transcript: segments by start then channel, each with its channel's speaker; the language
    /// is the one most text is in.</summary>
    public Transcript Transcript(
        string? sourcePath, TimeSpan duration, int channelCount, IReadOnlyList<TranscriptSegment> segments, IReadOnlyList<string> speakers, CallMetrics? metrics)
    {
        var ordered = segments.OrderBy(s => s.Start).ThenBy(s => s.Channel).Select(s => s with { Speaker = speakers[s.Channel] }).ToArray();
        var dominant = ordered
            .GroupBy(s => s.Language)
            .OrderByDescending(g => g.Sum(s => s.RawText.Length))
            .Select(g => g.Key)
            .FirstOrDefault() ?? "";
        return new Transcript(
            sourcePath,
            duration,
            channelCount,
            dominant,
            ordered,
            string.Join("\n", ordered.Select(s => s.Text)),
            string.Join("\n", ordered.Select(s => s.RawText)),
            models.Device,
            models.Info.ModelId)
        {
            Turns = SpeakerTurn.Merge(ordered),
            Metrics = metrics,
            VadMethod = vadMethod,
        };
    }

    /// <summary>The segment's spoken form with punctuation, and where each character went (unchanged without a model).</summary>
    private PunctuatedText Punctuate(string text) =>
        models.Punctuation is null || text.Length == 0
            ? new PunctuatedText(text, Enumerable.Range(0, text.Length + 1).ToArray())
            : new Punctuator(models.Punctuation).Punctuate(text);

    /// <summary>Written form of one segment; the spoken form unchanged when ITN is off. Cantonese uses the Chinese
    /// grammar; languages without a grammar get both (each only touches its own script).</summary>
    private ItnResult Normalize(string spoken, string segmentLanguage)
    {
        if (models.Normalizer is null || spoken.Length == 0)
        {
            return new ItnResult(spoken, spoken, []);
        }

        var grammar = segmentLanguage switch
        {
            "zh" or "yue" => "zh",
            "en" => "en",
            _ => "auto",
        };
        return models.Normalizer.Normalize(spoken, grammar);
    }
}
