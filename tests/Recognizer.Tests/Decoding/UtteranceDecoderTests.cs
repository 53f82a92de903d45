using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class UtteranceDecoderTests
{
    private static readonly TokenTable s_tokens = TokenTable.Load(Path.Combine(TinyModel.Directory, "tokens.txt"));

    private static float[] Logits(params string?[] frames)
    {
        var logits = new float[frames.Length * s_tokens.Count];
        for (var t = 0; t < frames.Length; t++)
        {
            var id = frames[t] is { } piece && s_tokens.TryGetId(piece, out var found) ? found : 0;
            logits[t * s_tokens.Count + id] = 1f;
        }

        return logits;
    }

    [Fact]
    public void Prompt_frames_give_the_tags_and_the_rest_the_text_with_onsets()
    {
        var decoder = new UtteranceDecoder(new GreedyCtcDecoder(), s_tokens, 4, TimeSpan.FromMilliseconds(60));
        var logits = Logits("<|en|>", "<|NEUTRAL|>", "<|Speech|>", "<|woitn|>", null, "▁hello", "▁hello", null, "▁num", "ber", "你", "好", "▁one");

        var utterance = decoder.Decode(logits, s_tokens.Count);

        Assert.Equal(("en", "NEUTRAL", "Speech"), (utterance.Language, utterance.Emotion, utterance.Event));
        Assert.Equal("hello number你好 one", utterance.Text);
        Assert.Equal(["hello", "num", "ber", "你", "好", "one"], utterance.Tokens.Select(t => t.Text));
        Assert.Equal([0, 6, 9, 12, 13, 15], utterance.Tokens.Select(t => t.RawOffset));
        Assert.Equal([60, 240, 300, 360, 420, 480], utterance.Tokens.Select(t => (int)Math.Round(t.Start.TotalMilliseconds)));
        foreach (var token in utterance.Tokens)
        {
            Assert.Equal(token.Text, utterance.Text.Substring(token.RawOffset, token.Text.Length));
        }
    }

    [Fact]
    public void Tags_emitted_after_the_prompt_are_left_out_of_the_text()
    {
        var decoder = new UtteranceDecoder(new GreedyCtcDecoder(), s_tokens, 4, TimeSpan.FromMilliseconds(60));

        var utterance = decoder.Decode(Logits("<|zh|>", "<|NEUTRAL|>", "<|Speech|>", "<|woitn|>", "订", "<|BGM|>", "单"), s_tokens.Count);

        Assert.Equal("订单", utterance.Text);
    }
}
