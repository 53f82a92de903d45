using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class HotwordTokenizerTests
{
    private static readonly TokenTable s_tokens = TokenTable.Load(Path.Combine(TinyModel.Directory, "tokens.txt"));
    private static readonly HotwordTokenizer s_tokenizer = new(s_tokens);

    /// <summary>The pieces of <paramref name="phrase"/>, or an empty list when it cannot be tokenized.</summary>
    private static IEnumerable<string> Pieces(string phrase) =>
        s_tokenizer.Tokenize(phrase, out _)?.Select(id => s_tokens[id]) ?? [];

    [Fact]
    public void Chinese_goes_by_character()
    {
        Assert.Equal(["订", "单", "号"], Pieces("订单号"));
    }

    [Fact]
    public void English_words_go_into_the_longest_pieces_marked_at_the_word_start_in_any_case()
    {
        Assert.Equal(["▁order", "▁num", "ber"], Pieces("Order NUMBER"));
    }

    [Fact]
    public void Mixed_phrases_and_phrases_written_in_pieces_work()
    {
        Assert.Equal(["▁hello", "你", "好"], Pieces("hello 你好"));
        Assert.Equal(["▁num", "ber", "▁one"], Pieces("▁num ber ▁one"));
    }

    [Fact]
    public void A_phrase_with_a_piece_the_model_lacks_is_refused_with_the_word_named()
    {
        Assert.Null(s_tokenizer.Tokenize("订单 退款", out var problem));

        Assert.Contains("'退款'", problem);
        Assert.Contains("tokens.txt", problem);
        Assert.Empty(Pieces("numbers"));
    }
}
