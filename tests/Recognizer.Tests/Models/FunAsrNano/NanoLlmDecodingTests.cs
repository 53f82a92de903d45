using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Audio;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.Models.FunAsrNano;

public sealed class NanoLlmDecodingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Segments_carry_what_the_model_wrote_once_with_approximate_token_times_inside_the_segment()
    {
        using var scratch = new ScratchAudio();
        var clip = NanoClips.Write(scratch)[0];
        using var transcriber = Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = NanoModels.Int8, Device = "cpu", IntraOpThreads = 1, Vad = VadOptions.Default with { Method = "off" }, Itn = ItnOptions.Default,
        });

        var transcript = await transcriber.TranscribeFileAsync(clip);

        var segment = Assert.Single(transcript.Segments);
        Assert.Equal(TranscriptSegment.ApproximateTimestamps, segment.Timestamps);
        Assert.Equal(segment.RawText, segment.Text);
        Assert.Empty(segment.ItnSpans);
        Assert.NotEmpty(segment.Tokens);
        Assert.All(segment.Tokens, t => Assert.InRange(t.Start, segment.Start, segment.End));
        Assert.Equal(segment.RawText, string.Concat(segment.Tokens.Select(t => t.Text)).Trim());
    }

    [Fact]
    public async Task A_segment_longer_than_the_context_allows_runs_in_pieces_and_a_prompt_too_long_for_any_audio_is_one_error()
    {
        var options = new TranscriberOptions
        {
            ModelDirectory = NanoModels.Int8, Device = "cpu", IntraOpThreads = 1, Vad = VadOptions.Default with { Method = "off" },
            Itn = ItnOptions.Default, MaxSegmentDuration = TimeSpan.FromMinutes(2),
        };
        var logger = new CollectingLogger();
        using var transcriber = Transcriber.Create(options, logger);
        var samples = new float[16000 * 45];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * (200 + i / 1000) * i / 16000f);
        }

        var transcript = await transcriber.TranscribeAsync(AudioClip.FromSamples([samples], 16000));

        var segment = Assert.Single(transcript.Segments);
        Assert.Contains(segment.Tokens, t => t.Start > TimeSpan.FromSeconds(25));
        Assert.DoesNotContain(logger.Lines, m => m.Contains("filled up", StringComparison.Ordinal));

        var hotwords = new HotwordOptions { Phrases = Enumerable.Range(0, 60).Select(i => new Hotword($"会员权益第{i}条")).ToArray() };
        using var crowded = Transcriber.Create(options with { Hotwords = hotwords });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => crowded.TranscribeAsync(AudioClip.FromSamples([samples], 16000)));
        Assert.Contains("leaves no room for audio in llm.int8.onnx (max_total_len 512); shorten the hotword list", error.Message);
    }

    [Fact]
    public void The_prompt_follows_sherpa_onnx_for_hotwords_language_and_ITN_off()
    {
        var tokenizer = FunAsr.Recognizer.Decoding.Qwen.QwenTokenizer.Load(Path.Combine(NanoModels.Int8, "Qwen3-0.6B"));
        string UserPart(NanoPromptOptions options)
        {
            var prefix = NanoPrompt.Build(tokenizer, options).Prefix;
            var bytes = prefix.SelectMany(id => tokenizer.BytesOf(id).ToArray()).ToArray();
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            return text[(text.LastIndexOf("user\n", StringComparison.Ordinal) + 5)..];
        }

        Assert.Equal("语音转写：", UserPart(NanoPromptOptions.Default));
        Assert.Equal("语音转写成英文，不进行文本规整：", UserPart(NanoPromptOptions.Default with { Language = "英文", Itn = false }));
        Assert.Equal(
            "请结合上下文信息，更加准确地完成语音转写任务。如果没有相关信息，我们会留空。\n\n\n**上下文信息：**\n\n\n热词列表：[订单号, 会员权益, 退款]\n语音转写：",
            UserPart(NanoPromptOptions.Default with { Hotwords = [" 订单号,会员权益", "退款；"] }));
    }

    [Fact]
    public void Decode_steps_allocate_no_managed_memory_per_token()
    {
        var files = NanoLlmFiles.Find(NanoModels.Int8);
        using var model = NanoLlmModel.Open(files, OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), new CollectingLogger());
        var prompt = NanoPrompt.Build(model.Tokenizer, NanoPromptOptions.Default);
        var features = new float[40 * 560];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (i * 7919 % 1000) / 100f;
        }

        // The first runs make the state's bindings (one per mask length). The run in which the step methods reach the
        // JIT's tier-up call count sees ~2 KB of runtime bookkeeping (the 4th here, every time; none in later runs), so the
        // steady state is the least of five runs.
        var runs = Enumerable.Range(0, 8).Select(_ => model.Generate(features, 40, prompt, 64, default)).Skip(3).ToArray();

        var generation = runs.MinBy(r => r.StepAllocatedBytes)!;
        output.WriteLine($"{generation.Steps} steps; managed bytes in the steps of five runs: {string.Join(", ", runs.Select(r => r.StepAllocatedBytes))}");
        Assert.True(generation.Steps >= 2, $"{generation.Steps} steps");
        Assert.Equal(0, generation.StepAllocatedBytes);
    }

    [Fact]
    public async Task Hotwords_on_the_CTC_export_are_spelled_in_byte_tokens_and_decode_with_the_beam()
    {
        using var scratch = new ScratchAudio();
        var clip = NanoClips.Write(scratch)[1];
        var options = new TranscriberOptions
        {
            ModelDirectory = NanoModels.Ctc, Device = "cpu", IntraOpThreads = 1, Vad = VadOptions.Default with { Method = "off" },
            Hotwords = new HotwordOptions { Phrases = [new Hotword("订单号"), new Hotword("3 two")], ScorePerToken = 20 },
        };
        using var biased = Transcriber.Create(options);
        using var plain = Transcriber.Create(options with { Hotwords = null });

        var withHotwords = await biased.TranscribeAsync(AudioFile.Load(clip, 16000));
        var without = await plain.TranscribeAsync(AudioFile.Load(clip, 16000));

        Assert.Empty(biased.SkippedHotwords);
        output.WriteLine($"greedy '{without.RawText}', with hotwords '{withHotwords.RawText}'");
        Assert.True(Count(withHotwords.RawText, "订单号") > Count(without.RawText, "订单号"), $"'{withHotwords.RawText}' vs '{without.RawText}'");
    }

    [Fact]
    public async Task A_language_model_over_the_CTC_export_is_written_in_its_base64_pieces_and_steers_the_beam()
    {
        using var scratch = new ScratchAudio();
        var clip = AudioFile.Load(NanoClips.Write(scratch)[1], 16000);
        var pieces = File.ReadLines(Path.Combine(NanoModels.Ctc, "tokens.txt")).Select(l => l.Split(' ')[0]).ToArray();
        var arpa = scratch.PathOf("lm.arpa");
        // Every token is unlikely but "号" (pieces[2]), so the fused beam writes fewer of the others.
        File.WriteAllLines(arpa, [
            "\\data\\", $"ngram 1={pieces.Length + 1}", "", "\\1-grams:", "-0.5 </s>", "-99 <s> 0",
            .. pieces[..7].Select((p, i) => $"{(i == 2 ? -0.1 : -6)} {p} 0"), "", "\\end\\"]);
        var options = new TranscriberOptions { ModelDirectory = NanoModels.Ctc, Device = "cpu", IntraOpThreads = 1, Vad = VadOptions.Default with { Method = "off" } };
        using var fused = Transcriber.Create(options with { LanguageModel = new LanguageModelOptions { File = arpa, Weight = 2 } });
        using var greedy = Transcriber.Create(options with { LanguageModel = null });

        var withModel = (await fused.TranscribeAsync(clip)).RawText;
        var without = (await greedy.TranscribeAsync(clip)).RawText;

        output.WriteLine($"greedy '{without}', with the LM '{withModel}'");
        Assert.Equal(arpa, fused.LanguageModelPath);
        Assert.True(withModel.Replace("号", "", StringComparison.Ordinal).Length < without.Replace("号", "", StringComparison.Ordinal).Length, $"'{withModel}' vs '{without}'");
    }

    private static int Count(string text, string phrase) => text.Split(phrase).Length - 1;
}
