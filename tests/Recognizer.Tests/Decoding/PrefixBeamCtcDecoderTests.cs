using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;
using FunAsr.Recognizer.Tests.Onnx;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class PrefixBeamCtcDecoderTests
{
    private static readonly TokenTable s_tokens = TokenTable.Load(Path.Combine(TinyModel.Directory, "tokens.txt"));
    private static readonly Dictionary<string, int> s_languageTags = new() { ["zh"] = Id("<|zh|>"), ["en"] = Id("<|en|>") };

    /// <summary>Log-probabilities, one frame per entry: a piece (certain), null (blank), or several pieces with probabilities.</summary>
    private static float[] Frames(params (string? Piece, float P)[][] frames)
    {
        var logits = new float[frames.Length * s_tokens.Count];
        for (var t = 0; t < frames.Length; t++)
        {
            var row = logits.AsSpan(t * s_tokens.Count, s_tokens.Count);
            var rest = 1f - frames[t].Sum(f => f.P);
            row.Fill(MathF.Log(Math.Max(rest, 1e-6f) / s_tokens.Count));
            foreach (var (piece, p) in frames[t])
            {
                row[Id(piece)] = MathF.Log(p);
            }
        }

        return logits;
    }

    private static (string?, float)[] Sure(string? piece) => [(piece, 0.99f)];

    private static int Id(string? piece) => piece is null ? 0 : s_tokens.TryGetId(piece, out var id) ? id : throw new ArgumentException(piece);

    private static PrefixBeamCtcDecoder Biased(float score, params string[] phrases)
    {
        var skipped = new List<string>();
        var graph = ContextGraph.FromHotwords(new HotwordOptions { Phrases = phrases.Select(p => new Hotword(p)).ToArray(), ScorePerToken = score }, s_tokens, skipped);
        Assert.Empty(skipped);
        return new PrefixBeamCtcDecoder(8, graph);
    }

    /// <summary>Beam 8 fused with <see cref="NgramLanguageModelTests.BigramArpa"/> (read from a temporary file).</summary>
    private static PrefixBeamCtcDecoder Fused(LanguageModelOptions options)
    {
        var directory = Directory.CreateTempSubdirectory("funasr-lm-").FullName;
        try
        {
            var lm = NgramLanguageModelTests.LoadArpa(directory, NgramLanguageModelTests.BigramArpa);
            return new PrefixBeamCtcDecoder(8, languageModel: new LanguageModelFusion(lm, options, s_languageTags));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Text(IReadOnlyList<CtcToken> tokens) => string.Concat(tokens.Select(t => s_tokens[t.Id]));

    [Fact]
    public void With_a_zero_bonus_it_gives_the_greedy_tokens_and_frames_on_the_tiny_model_through_onnx_runtime()
    {
        var files = ModelFiles.Find(TinyModel.Directory);
        using var model = ModelCatalog.Open(files, s_tokens, OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), new CollectingLogger());
        var random = new Random(7);
        var pieces = TinyModel.ContentPieces;
        var utterances = Enumerable.Range(0, 40)
            .Select(_ => Enumerable.Range(0, random.Next(3, 30)).Select(_ => random.Next(3) == 0 ? null : pieces[random.Next(pieces.Count)]).ToArray())
            .ToArray();
        var greedy = new GreedyCtcDecoder();
        var beam = Biased(0f, "订单号", "order number", "你好");

        foreach (var frames in utterances)
        {
            var logits = model.Run(new FeatureBatch(TinyModel.Features(frames), [frames.Length], [0], [15], frames.Length, TinyModel.Dim));

            var expected = greedy.Decode(logits.Item(0).Span, logits.VocabSize);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, beam.Decode(logits.Item(0).Span, logits.VocabSize));
        }
    }

    [Fact]
    public void Without_hotwords_it_sums_alignments_where_greedy_takes_the_best_path()
    {
        // Greedy path: 你 blank blank (0.4 each) → "你"; but 好 at frames 1–2 (0.35 + 0.35 over two frames) is likelier in sum.
        var logits = Frames(Sure("你"), [(null, 0.4f), ("好", 0.35f)], [(null, 0.4f), ("好", 0.35f)]);

        Assert.Equal("你", Text(new GreedyCtcDecoder().Decode(logits, s_tokens.Count)));
        Assert.Equal("你好", Text(new PrefixBeamCtcDecoder(8).Decode(logits, s_tokens.Count)));
    }

    [Fact]
    public void A_hotword_turns_a_close_call_its_way_and_keeps_the_timestamps()
    {
        // 订 then 号 (0.6) or 单 (0.4), then 号: the model hears 订号号; the hotword 订单号 tips the middle frame.
        var logits = Frames(Sure("订"), Sure(null), [("号", 0.6f), ("单", 0.39f)], Sure(null), Sure("号"));

        var plain = new PrefixBeamCtcDecoder(8).Decode(logits, s_tokens.Count);
        var biased = Biased(1.5f, "订单号").Decode(logits, s_tokens.Count);

        Assert.Equal("订号号", Text(plain));
        Assert.Equal("订单号", Text(biased));
        Assert.Equal([0, 2, 4], biased.Select(t => t.Frame));
    }

    [Fact]
    public void A_language_model_settles_what_the_acoustics_leave_close()
    {
        // The same close call as the hotword's: the bigram 订单 and the unigram backoff of 号号 make 订单号 likelier.
        var logits = Frames(Sure("订"), Sure(null), [("号", 0.6f), ("单", 0.39f)], Sure(null), Sure("号"));

        Assert.Equal("订单号", Text(Fused(new LanguageModelOptions { Weight = 1f, TokenBonus = 0f }).Decode(logits, s_tokens.Count)));
        Assert.Equal("订号号", Text(Fused(new LanguageModelOptions { Weight = 0f, TokenBonus = 0f }).Decode(logits, s_tokens.Count)));
    }

    [Fact]
    public void An_utterance_whose_language_tag_is_not_listed_leaves_the_language_model()
    {
        // As above, but the first frame emits a language tag: <|zh|> keeps the LM (订单号), <|en|> leaves it (订号号).
        (string?, float)[][] close = [Sure("订"), Sure(null), [("号", 0.6f), ("单", 0.39f)], Sure(null), Sure("号")];
        var zhOnly = Fused(new LanguageModelOptions { Weight = 1f, TokenBonus = 0f, Languages = ["zh"] });

        Assert.Equal("<|zh|>订单号", Text(zhOnly.Decode(Frames([Sure("<|zh|>"), .. close]), s_tokens.Count)));
        Assert.Equal("<|en|>订号号", Text(zhOnly.Decode(Frames([Sure("<|en|>"), .. close]), s_tokens.Count)));
    }

    [Fact]
    public void The_bonus_of_a_match_that_breaks_off_is_taken_back()
    {
        // 你 (0.55) or 订 (0.44), then 好: "订" would start the hotword 订单号, but 订好 breaks it off, so 你好 stays.
        var logits = Frames([("你", 0.55f), ("订", 0.44f)], Sure(null), Sure("好"));

        Assert.Equal("你好", Text(Biased(3f, "订单号").Decode(logits, s_tokens.Count)));
    }

    [Fact]
    public void The_bonus_of_an_unfinished_match_is_taken_back_at_the_end()
    {
        var logits = Frames(Sure("好"), Sure(null), [("你", 0.55f), ("订", 0.44f)]);

        Assert.Equal("好你", Text(Biased(3f, "订单号").Decode(logits, s_tokens.Count)));
    }

    [Fact]
    public void A_finished_hotword_keeps_its_bonus_at_the_end()
    {
        var logits = Frames(Sure("订"), Sure(null), [("号", 0.55f), ("单", 0.44f)]);

        Assert.Equal("订单", Text(Biased(1f, "订单").Decode(logits, s_tokens.Count)));
    }

    [Fact]
    public void A_repeated_token_needs_a_blank_between_to_count_twice()
    {
        var logits = Frames(Sure("谢"), Sure("谢"), Sure(null), Sure("谢"));

        var tokens = new PrefixBeamCtcDecoder(4).Decode(logits, s_tokens.Count);

        Assert.Equal([new CtcToken(Id("谢"), 0), new CtcToken(Id("谢"), 3)], tokens);
    }

    [Fact]
    public void Logits_that_are_not_whole_frames_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PrefixBeamCtcDecoder(4).Decode(new float[7], 3));
    }
}
