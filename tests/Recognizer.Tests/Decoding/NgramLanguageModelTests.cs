using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Tests.Models;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class NgramLanguageModelTests : IDisposable
{
    /// <summary>A bigram model over the tiny model's tokens (log10 values, as ARPA writes them).</summary>
    internal const string BigramArpa = """
        \data\
        ngram 1=5
        ngram 2=2

        \1-grams:
        -1.0	</s>
        -99	<s>	-0.3
        -0.5	订	-0.2
        -0.7	单
        -0.6	号	-0.1

        \2-grams:
        -0.2	<s> 订
        -0.1	订 单

        \end\
        """;

    private const float Ln10 = 2.302585093f;
    private static readonly TokenTable s_tokens = TokenTable.Load(Path.Combine(TinyModel.Directory, "tokens.txt"));
    private readonly string _directory = Directory.CreateTempSubdirectory("funasr-lm-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static NgramLanguageModel LoadArpa(string directory, string text)
    {
        var path = Path.Combine(directory, "lm.arpa");
        File.WriteAllText(path, text);
        return NgramLanguageModel.Load(path, s_tokens);
    }

    private static int Id(string piece) => s_tokens.TryGetId(piece, out var id) ? id : throw new ArgumentException(piece);

    [Fact]
    public void A_listed_bigram_scores_its_own_probability_and_an_unlisted_one_backs_off_to_the_unigram()
    {
        var lm = LoadArpa(_directory, BigramArpa);

        var (afterStart, state) = lm.Score(lm.StartState, Id("订"));
        var (listed, _) = lm.Score(state, Id("单"));
        var (backedOff, afterHao) = lm.Score(state, Id("号"));

        Assert.Equal(2, lm.Order);
        Assert.Equal(-0.2f * Ln10, afterStart, 4);
        Assert.Equal(-0.1f * Ln10, listed, 4);
        Assert.Equal((-0.2f - 0.6f) * Ln10, backedOff, 4);
        Assert.Equal((-0.1f - 1.0f) * Ln10, lm.ScoreEnd(afterHao), 4);
    }

    [Fact]
    public void Tags_pass_through_and_a_token_the_file_lacks_scores_as_the_rarest_unigram()
    {
        var lm = LoadArpa(_directory, BigramArpa);

        Assert.True(lm.IsTag(Id("<|zh|>")));
        Assert.Equal((0f, lm.StartState), lm.Score(lm.StartState, Id("<|zh|>")));
        Assert.Equal(-1.0f * Ln10, lm.Score(lm.StartState, Id("你")).LogProb, 4);
    }

    [Theory]
    [InlineData("-0.5\t订\t-0.2", "-0.5\t订 x\t-0.2", 8, "a 1-gram line needs")]
    [InlineData("-0.1\t订 单", "-0.1\t你 单", 14, "has no 1-gram prefix '你'")]
    [InlineData("-0.7\t单", "abc\t单", 9, "'abc' is not a number")]
    [InlineData("\\2-grams:", "\\3-grams:", 12, "out of place")]
    public void A_malformed_file_is_named_with_its_line(string original, string broken, int line, string message)
    {
        var e = Assert.Throws<ModelLoadException>(() => LoadArpa(_directory, BigramArpa.Replace(original, broken, StringComparison.Ordinal)));

        Assert.Equal($"{Path.Combine(_directory, "lm.arpa")}:{line}", e.Path);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_says_how_to_go_without()
    {
        var e = Assert.Throws<ModelLoadException>(() => NgramLanguageModel.Load(Path.Combine(_directory, "none.arpa"), s_tokens));

        Assert.Contains("language model not found", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("您 好")]
    [InlineData("▁the ▁order")]
    [InlineData("▁please ▁hold ▁the")]
    public void The_bundled_demo_language_model_sums_to_one_over_its_vocabulary_after_any_history(string history)
    {
        var directory = Path.Combine(RepoPaths.Root, "models", "demo-callcentre");
        var tokens = TokenTable.Load(Path.Combine(directory, "tokens.txt"));
        var lm = NgramLanguageModel.Load(Path.Combine(directory, LanguageModelOptions.BundledFileName), tokens);
        var state = lm.StartState;
        foreach (var piece in history.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(tokens.TryGetId(piece, out var id), piece);
            state = lm.Score(state, id).State;
        }

        var total = Math.Exp(lm.ScoreEnd(state));
        for (var id = 0; id < tokens.Count; id++)
        {
            total += lm.IsTag(id) ? 0 : Math.Exp(lm.Score(state, id).LogProb);
        }

        Assert.Equal(4, lm.Order);
        Assert.Equal(1.0, total, 3);
    }
}
