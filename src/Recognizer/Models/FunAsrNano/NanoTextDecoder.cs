using System.Text;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Decoding.Qwen;

namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>
/// Generated ids → text as sherpa-onnx writes it: the control tokens dropped, every other id's bytes joined and read as
/// UTF-8 once, literal control tokens removed, whitespace trimmed. Tokens carry the text they complete (a character
/// split over two tokens belongs to the second) and an onset spread evenly over the audio, since an LLM emits no
/// alignment; segments from this path say their timestamps are approximate.
/// </summary>
internal sealed class NanoTextDecoder(QwenTokenizer tokenizer, TimeSpan frameShift)
{
    private readonly int[] _dropped =
        [tokenizer.SpecialId(QwenTokenizer.EndOfText), tokenizer.SpecialId(QwenTokenizer.ImStart), tokenizer.SpecialId(QwenTokenizer.ImEnd)];

    public DecodedUtterance Decode(NanoGeneration generation)
    {
        var kept = generation.Ids.Where(id => !_dropped.Contains(id)).ToArray();
        var bytes = new List<byte>();
        var joiner = new Utf8TokenJoiner();
        var pieces = new List<(int Id, string Text)>();
        foreach (var id in kept)
        {
            var tokenBytes = tokenizer.BytesOf(id);
            bytes.AddRange(tokenBytes);
            pieces.Add((id, joiner.Append(tokenBytes)));
        }

        var whole = Encoding.UTF8.GetString([.. bytes]);
        foreach (var control in new[] { QwenTokenizer.ImEnd, QwenTokenizer.ImStart, QwenTokenizer.EndOfText })
        {
            whole = whole.Replace(control, "", StringComparison.Ordinal);
        }

        var text = whole.Trim();
        var leading = whole.Length - whole.TrimStart().Length;
        var duration = frameShift * generation.AudioFrames;
        var tokens = new List<DecodedToken>();
        var offset = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var (id, pieceText) = pieces[i];
            if (pieceText.Length > 0)
            {
                tokens.Add(new DecodedToken(id, pieceText, duration * i / pieces.Count, Math.Clamp(offset - leading, 0, text.Length)));
            }

            offset += pieceText.Length;
        }

        return new DecodedUtterance("", "", "", text, tokens);
    }
}
