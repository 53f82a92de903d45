using System.Text;

namespace FunAsr.Recognizer.Punctuation;

/// <summary>
/// Punctuates one segment's text with a <see cref="CtTransformerModel"/> as sherpa-onnx 1.13.8's
/// <c>offline-punctuation-ct-transformer-impl.h</c> does (checked against it, tests/…/PunctuationTests): the text is
/// split into tokens (a run of ASCII letters and digits is one word, any other character one token, whitespace dropped);
/// ceil((n + 19) / 20) rounds each run the model on the tokens from the end of the last emitted sentence to the end of
/// the next 20; the last <c>。</c>/<c>？</c> at window positions len−2…1 ends what a round emits (a <c>，</c> becomes
/// <c>。</c> when a window of 200 or more has none); the final round emits all it holds (sherpa drops the words after a
/// sentence end there; we keep every word). Rejoined with a space only between two ASCII characters, each label other
/// than <c>_</c> after its token; a final <c>，</c>/<c>、</c> becomes <c>。</c>, and <c>。</c> is added unless the text ends
/// in <c>。</c>/<c>？</c>. Words keep their case.
/// </summary>
internal sealed class Punctuator(CtTransformerModel model)
{
    private const int WindowSize = 20;
    private const int LongWindow = 200;

    public PunctuatedText Punctuate(string text)
    {
        var words = Split(text);
        if (words.Count == 0)
        {
            return new PunctuatedText(text, Enumerable.Range(0, text.Length + 1).ToArray());
        }

        var labels = Labels(model.Ids(words.Select(w => text.Substring(w.Start, w.Length))));
        var output = new StringBuilder(text.Length + words.Count / 2);
        var offsets = new int[text.Length + 1];
        Array.Fill(offsets, -1);
        for (var i = 0; i < words.Count; i++)
        {
            var (start, length) = words[i];
            if (output.Length > 0 && output[^1] < 0x80 && text[start] < 0x80)
            {
                output.Append(' ');
            }

            for (var j = 0; j < length; j++)
            {
                offsets[start + j] = output.Length + j;
            }

            output.Append(text, start, length);
            var label = model.Labels[labels[i]];
            if (label is not ("_" or "<unk>"))
            {
                output.Append(label);
            }
        }

        var end = output.Length;
        if (output[^1] is '，' or '、')
        {
            output[^1] = '。';
        }
        else if (output[^1] is not ('。' or '？'))
        {
            output.Append('。');
        }

        for (var i = text.Length; i >= 0; i--)
        {
            if (offsets[i] < 0)
            {
                offsets[i] = i == text.Length ? end : offsets[i + 1];
            }
        }

        return new PunctuatedText(output.ToString(), offsets);
    }

    private int[] Labels(int[] ids)
    {
        var period = IndexOf("。");
        var question = IndexOf("？");
        var comma = IndexOf("，");
        var n = ids.Length;
        var rounds = (n + 2 * (WindowSize - 1)) / WindowSize;
        var labels = new List<int>(n);
        var last = -1;
        for (var round = 0; round < rounds; round++)
        {
            var start = round * WindowSize;
            var end = Math.Min(start + WindowSize, n);
            if (last != -1)
            {
                start = last;
            }

            var window = model.Predict(ids.AsSpan(start, end - start));
            int sentenceEnd = -1, lastComma = -1;
            for (var m = window.Length - 2; m >= 1; m--)
            {
                if (window[m] == period || window[m] == question)
                {
                    sentenceEnd = m;
                    break;
                }

                if (lastComma < 0 && window[m] == comma)
                {
                    lastComma = m;
                }
            }

            if (sentenceEnd < 0 && window.Length >= LongWindow && lastComma >= 0)
            {
                sentenceEnd = lastComma;
                window[sentenceEnd] = period;
            }

            if (round == rounds - 1)
            {
                sentenceEnd = window.Length - 1;
            }
            else if (sentenceEnd < 0)
            {
                last = start;
            }
            else
            {
                last = start + sentenceEnd + 1;
            }

            labels.AddRange(window.AsSpan(0, sentenceEnd + 1));
        }

        return labels.ToArray();
    }

    private int IndexOf(string label)
    {
        for (var i = 0; i < model.Labels.Count; i++)
        {
            if (model.Labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Token spans of <paramref name="text"/>: ASCII letter/digit runs, single other characters (a surrogate pair
    /// is one), whitespace dropped.</summary>
    private static List<(int Start, int Length)> Split(string text)
    {
        var words = new List<(int Start, int Length)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetterOrDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                {
                    i++;
                }

                words.Add((start, i - start));
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                words.Add((i, length));
                i += length;
            }
        }

        return words;
    }
}
