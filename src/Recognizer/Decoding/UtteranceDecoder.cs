using System.Text;

namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// SenseVoice output → text: runs an <see cref="ICtcDecoder"/> over one item's logits, reads the tags of the
/// <see cref="PromptFrames"/> leading frames (language, emotion, event, ITN; sherpa-onnx
/// <c>offline-recognizer-sense-voice-impl.h</c>), and joins the remaining pieces into text with token onsets
/// <c>frameShift × (t − promptFrames)</c>. A byte-level token table (the Fun-ASR-Nano CTC export) joins bytes instead.
/// </summary>
internal sealed class UtteranceDecoder(ICtcDecoder decoder, TokenTable tokens, int promptFrames, TimeSpan frameShift)
{
    public int PromptFrames { get; } = promptFrames;

    /// <summary>The model's tokens, which hotwords are spelled in.</summary>
    public TokenTable Tokens => tokens;

    /// <summary>Phrases a model biases itself with (SeACo/contextual Paraformer's <c>bias_embed</c>) rather than the search.</summary>
    public IReadOnlyList<string> ModelHotwords { get; init; } = [];

    /// <summary>The same utterance decoding over another CTC search (e.g. one biased to a per-call hotword list).</summary>
    public UtteranceDecoder With(ICtcDecoder ctc) => new(ctc, tokens, PromptFrames, frameShift) { ModelHotwords = ModelHotwords };

    /// <summary>The same decoding with another list of <see cref="ModelHotwords"/>.</summary>
    public UtteranceDecoder WithModelHotwords(IReadOnlyList<string> phrases) => new(decoder, tokens, PromptFrames, frameShift) { ModelHotwords = phrases };

    public DecodedUtterance Decode(ReadOnlySpan<float> logits, int vocabSize)
    {
        var emitted = decoder.Decode(logits, vocabSize);
        var tags = new string[Math.Max(PromptFrames, 3)];
        Array.Fill(tags, "");
        var text = new StringBuilder();
        var textTokens = new List<DecodedToken>();
        var bytes = tokens.IsByteLevel ? new Qwen.Utf8TokenJoiner() : null;
        foreach (var token in emitted)
        {
            if (token.Frame < PromptFrames)
            {
                tags[token.Frame] = StripTagBrackets(tokens[token.Id]);
                continue;
            }

            if (bytes is not null)
            {
                // Byte tokens join as bytes: a character split over two tokens comes out with the second. The text
                // starts at its first non-space, as sherpa-onnx's does.
                var completed = bytes.Append(tokens.BytesOf(token.Id));
                completed = text.Length == 0 ? completed.TrimStart() : completed;
                if (completed.Length > 0)
                {
                    textTokens.Add(new DecodedToken(token.Id, completed, frameShift * (token.Frame - PromptFrames), text.Length));
                    text.Append(completed);
                }

                continue;
            }

            if (tokens.IsSpecial(token.Id))
            {
                continue;
            }

            var piece = tokens[token.Id];
            var startsWord = piece[0] == TokenTable.WordBoundary;
            var pieceText = piece.Replace(TokenTable.WordBoundary.ToString(), "", StringComparison.Ordinal);
            if (pieceText.Length == 0)
            {
                continue;
            }

            if (startsWord && text.Length > 0)
            {
                text.Append(' ');
            }

            textTokens.Add(new DecodedToken(token.Id, pieceText, frameShift * (token.Frame - PromptFrames), text.Length));
            text.Append(pieceText);
        }

        text.Append(bytes?.Flush());
        return new DecodedUtterance(tags[0], tags[1], tags[2], text.ToString(), textTokens);
    }

    private static string StripTagBrackets(string piece) =>
        piece.StartsWith("<|", StringComparison.Ordinal) && piece.EndsWith("|>", StringComparison.Ordinal) ? piece[2..^2] : piece;
}
