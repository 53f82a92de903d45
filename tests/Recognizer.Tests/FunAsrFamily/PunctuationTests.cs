using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Punctuation;
using FunAsr.Recognizer.Vad;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.FunAsrFamily;

public sealed class PunctuationTests(ITestOutputHelper output)
{
    private static Punctuator Open(string folder) => new(CtTransformerModel.Open(TinyFunAsr.Folder(folder), null));

    public static TheoryData<string, string> Folders => new()
    {
        { "punc", "offline" },
        { "punc-sherpa", "offline" },
        { "punc-realtime", "realtime" },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Sixty_sentences_get_the_punctuation_of_the_torch_module_and_the_python_windows(string folder, string key)
    {
        var punctuator = Open(folder);

        foreach (var c in TinyFunAsr.Golden("punc.json").AsArray())
        {
            Assert.Equal((string)c![key]!, punctuator.Punctuate((string)c["text"]!).Text);
        }
    }

    [Fact]
    public void Sherpa_onnx_punctuates_the_same_wherever_it_keeps_every_word()
    {
        var sentences = TinyFunAsr.Golden("punc.json").AsArray().Select(c => (string)c!["text"]!).ToArray();
        var (peer, reason) = TinyFunAsr.Sherpa("punct", TinyFunAsr.Folder("punc-sherpa"), [], string.Join("\n", sentences) + "\n");
        if (peer is null)
        {
            output.WriteLine(reason);
            return;
        }

        var punctuator = Open("punc-sherpa");
        var compared = 0;
        for (var i = 0; i < sentences.Length; i++)
        {
            var theirs = (string)peer[i]["punctuated"]!;
            var ours = punctuator.Punctuate(sentences[i]).Text;
            if (Words(theirs) != Words(sentences[i]))
            {
                // sherpa drops the words after a sentence end in its last window; we keep them.
                Assert.StartsWith(theirs.TrimEnd('。'), ours);
                continue;
            }

            Assert.Equal(theirs, ours);
            compared++;
        }

        Assert.True(compared >= 50, $"only {compared} sentences kept all their words in sherpa-onnx");
        output.WriteLine($"{compared} of {sentences.Length} identical; sherpa dropped trailing words in the rest.");
    }

    [Fact]
    public void Offsets_follow_every_character_into_the_punctuated_text()
    {
        var text = "hello order 我的电话 是一三八 ok";
        var punctuated = Open("punc").Punctuate(text);

        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                Assert.Equal(text[i], punctuated.Text[punctuated.Offsets[i]]);
            }
        }
    }

    [Fact]
    public void A_phone_number_and_a_time_inside_punctuated_text_keep_their_itn_spans_and_audio_times()
    {
        using var transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = TinyFunAsr.Folder("paraformer"), Device = "cpu", IntraOpThreads = 1, Vad = new VadOptions { Method = "off" },
            Itn = ItnOptions.Default, Punctuation = new PunctuationOptions { ModelDirectory = TinyFunAsr.Folder("punc") },
        });
        const string spoken = "我的号码是一五七零七零四九九九六的十点十分好";
        var tokens = spoken.Select((c, i) => new DecodedToken(0, c.ToString(), TimeSpan.FromMilliseconds(100 * i), i)).ToArray();

        var segment = transcriber.Assembler.Segment(new DecodedUtterance("", "", "", spoken, tokens), 0, 16000, 16000 * 4);

        Assert.NotEqual(spoken, segment.RawText);
        Assert.All(segment.Tokens, t => Assert.Equal(t.Text, segment.RawText.Substring(t.RawOffset, t.Text.Length)));
        var itn = new ItnResult(segment.Text, segment.RawText, segment.ItnSpans);
        AssertField("15707049996", "一五七零七零四九九九六", 5);
        AssertField("10:10", "十点十分", 17);

        void AssertField(string written, string spokenForm, int firstToken)
        {
            var at = segment.Text.IndexOf(written, StringComparison.Ordinal);
            Assert.True(at >= 0, $"'{written}' not in '{segment.Text}'");
            var (start, length) = itn.ToSpokenRange(at, written.Length);
            Assert.Equal(spokenForm, segment.RawText.Substring(start, length));
            var token = segment.Tokens.Last(t => t.RawOffset <= start);
            Assert.Equal(TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(100 * firstToken), token.Start);
        }
    }

    [Fact]
    public void A_funasr_folder_without_punc_list_names_the_key()
    {
        var dir = Directory.CreateTempSubdirectory("punc-").FullName;
        File.Copy(Path.Combine(TinyFunAsr.Folder("punc"), "model.onnx"), Path.Combine(dir, "model.onnx"));
        File.Copy(Path.Combine(TinyFunAsr.Folder("punc"), "tokens.json"), Path.Combine(dir, "tokens.json"));
        File.WriteAllText(Path.Combine(dir, "config.yaml"), "model_conf:\n  ignore_id: 0\n");

        var error = Assert.Throws<ModelLoadException>(() => CtTransformerModel.Open(dir, null));

        Assert.Equal($"{Path.Combine(dir, "config.yaml")}: model_conf.punc_list is missing.", error.Message);
    }

    private static string Words(string text) => new(text.Where(c => !char.IsWhiteSpace(c) && c is not ('，' or '。' or '？' or '、')).ToArray());
}
