using FunAsr.Recognizer.Audio;
using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.Paraformer;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Onnx;
using FunAsr.Recognizer.Vad;
using Xunit.Abstractions;

namespace FunAsr.Recognizer.Tests.FunAsrFamily;

public sealed class ParaformerTests(ITestOutputHelper output)
{
    private static readonly VadOptions NoVad = new() { Method = "off" };

    private static ParaformerModel Open(string directory)
    {
        var files = ModelFiles.Find(directory);
        return (ParaformerModel)ModelCatalog.Open(files, TokenTable.Load(files.TokensPath), OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), new CollectingLogger());
    }

    private static Transcriber Create(string folder, HotwordOptions? hotwords = null, CollectingLogger? logger = null) =>
        Transcriber.Create(new TranscriberOptions
        {
            ModelDirectory = TinyFunAsr.Folder(folder), Device = "cpu", IntraOpThreads = 1, Vad = NoVad, Hotwords = hotwords,
        }, logger ?? new CollectingLogger());

    private static AudioClip Clip(int seed, double seconds = 3) => AudioClip.FromSamples([TinyFunAsr.Clip(seed, seconds)], 16000);

    [Fact]
    public void The_funasr_folder_is_recognised_by_its_inputs_and_reads_config_am_mvn_and_tokens_json()
    {
        using var model = Open(TinyFunAsr.Folder("paraformer"));

        Assert.Equal((ParaformerModel.ModelType, ModelExport.FunAsr, 36, 7, 6, 0), (model.Info.ModelType, model.Info.Export, model.Info.VocabSize, model.Info.LfrWindowSize, model.Info.LfrWindowShift, model.Info.PromptFrames));
        Assert.Null(model.Embedder);
    }

    [Fact]
    public async Task Both_folder_styles_transcribe_the_same_clips_alike()
    {
        using var funAsr = Create("paraformer");
        using var sherpa = Create("paraformer-sherpa");

        for (var seed = 0; seed < 5; seed++)
        {
            var a = (await funAsr.TranscribeAsync(Clip(seed)));
            var b = (await sherpa.TranscribeAsync(Clip(seed)));
            Assert.NotEmpty(a.RawText);
            Assert.Equal(a.RawText, b.RawText);
        }
    }

    [Fact]
    public async Task An_int64_token_num_reads_as_the_int32_one()
    {
        using var int32 = Create("paraformer");
        using var int64 = Create("paraformer-int64");

        for (var seed = 20; seed < 23; seed++)
        {
            Assert.Equal((await int32.TranscribeAsync(Clip(seed))).RawText, (await int64.TranscribeAsync(Clip(seed))).RawText);
        }
    }

    [Fact]
    public async Task Token_times_come_from_the_cif_peaks_of_a_timestamp_model_and_are_spread_otherwise()
    {
        using var stamped = Create("paraformer-timestamp");
        using var plain = Create("paraformer-sherpa");

        var withPeaks = (await stamped.TranscribeAsync(Clip(7))).Segments.Single();
        var spread = (await plain.TranscribeAsync(Clip(7))).Segments.Single();

        Assert.Equal(spread.RawText, withPeaks.RawText);
        // The tiny model fires a peak every 9 upsampled frames (3 LFR frames = 180 ms) from 0.
        Assert.Equal(withPeaks.Tokens.Select((_, i) => TimeSpan.FromMilliseconds(180 * i)), withPeaks.Tokens.Select(t => t.Start));
        var step = (spread.Tokens[1].Start - spread.Tokens[0].Start).TotalMilliseconds;
        Assert.InRange(step, 100, 300);
        Assert.All(spread.Tokens.Zip(spread.Tokens.Skip(1)), p => Assert.True(p.Second.Start > p.First.Start));
    }

    [Fact]
    public void A_seaco_model_decodes_the_golden_texts_of_its_torch_module_for_each_hotword_list()
    {
        var golden = TinyFunAsr.Golden("seaco.json");
        var frames = (int)golden["frames"]!;
        var speech = TinyFunAsr.GoldenFloats("seaco-speech.f32");
        using var model = Open(TinyFunAsr.Folder("paraformer-seaco"));
        var batch = new FeatureBatch(speech, [frames], [0], [0], frames, 560);

        var texts = new List<string>();
        foreach (var c in golden["cases"]!.AsArray())
        {
            var hotwords = c!["hotwords"]!.AsArray().Select(h => (string)h!).ToArray();
            var text = model.Recognize(batch, hotwords).Single().Text;
            Assert.Equal((string)c["text"]!, text);
            texts.Add(text);
        }

        Assert.True(texts.Distinct().Count() >= 3, "the hotword lists must change the decoded text");
    }

    [Fact]
    public async Task Per_request_hotwords_reach_the_seaco_bias_and_change_the_text()
    {
        using var transcriber = Create("paraformer-seaco");
        var clip = Clip(3);

        var without = (await transcriber.TranscribeAsync(clip)).RawText;
        var with = (await transcriber.TranscribeAsync(clip, new TranscriptionRequest
        {
            Hotwords = new HotwordOptions { Phrases = [new Hotword("你好", Origin: "request"), new Hotword("hello", Origin: "request")] },
        })).RawText;

        Assert.NotEqual(without, with);
    }

    [Fact]
    public async Task Hotwords_on_a_plain_paraformer_are_reported_once_as_needing_the_seaco_model()
    {
        var logger = new CollectingLogger();
        using var transcriber = Create("paraformer", new HotwordOptions { Phrases = [new Hotword("订单", Origin: "hotwords.txt")] }, logger);

        Assert.Contains("need a SeACo/contextual Paraformer", Assert.Single(transcriber.SkippedHotwords));
        await transcriber.TranscribeAsync(Clip(1), new TranscriptionRequest { Hotwords = new HotwordOptions { Phrases = [new Hotword("你好", Origin: "request")] } });
        Assert.Single(logger.Lines, l => l.Contains("is a plain Paraformer, and Paraformer hotwords need the SeACo/contextual model"));
    }

    [Fact]
    public void A_funasr_folder_without_am_mvn_says_so()
    {
        var dir = CopyOf("paraformer");
        File.Delete(Path.Combine(dir, "am.mvn"));

        var error = Assert.Throws<ModelLoadException>(() => Open(dir));

        Assert.Equal($"{dir}: a FunASR-export Paraformer needs am.mvn (its CMVN statistics) beside the model file.", error.Message);
    }

    [Fact]
    public void A_tokens_json_with_the_wrong_count_names_the_file_and_both_counts()
    {
        var dir = CopyOf("paraformer");
        File.WriteAllText(Path.Combine(dir, "tokens.json"), "[\"<blank>\", \"<s>\", \"</s>\", \"你\"]");

        var error = Assert.Throws<ModelLoadException>(() => Open(dir));

        Assert.Equal($"{Path.Combine(dir, "tokens.json")}: has 4 tokens but the model's logits have 36 classes.", error.Message);
    }

    [Fact]
    public void A_seaco_model_without_its_embedder_says_what_is_missing()
    {
        var dir = CopyOf("paraformer-seaco");
        File.Delete(Path.Combine(dir, "model_eb.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => Open(dir));

        Assert.Contains("takes bias_embed (a contextual/SeACo Paraformer) but model_eb.onnx, its hotword embedder, is not beside it", error.Message);
    }

    [Fact]
    public async Task Sherpa_onnx_reads_the_same_text_from_twenty_generated_clips()
    {
        using var scratch = new Audio.ScratchAudio();
        var files = Enumerable.Range(0, 20).Select(seed =>
        {
            var path = scratch.PathOf($"clip{seed:D2}.wav");
            TinyFunAsr.WriteWav(path, TinyFunAsr.Clip(100 + seed, 2 + seed % 5));
            return path;
        }).ToArray();
        var (peer, reason) = TinyFunAsr.Sherpa("paraformer", TinyFunAsr.Folder("paraformer-timestamp"), files);
        if (peer is null)
        {
            output.WriteLine(reason);
            return;
        }

        using var ours = Create("paraformer-timestamp");
        for (var i = 0; i < files.Length; i++)
        {
            var transcript = (await ours.TranscribeFileAsync(files[i]));
            Assert.Equal((string)peer[i]["text"]!, transcript.RawText);
            var times = peer[i]["timestamps"]!.AsArray().Select(t => (double)t!).ToArray();
            Assert.Equal(times, transcript.Segments.SelectMany(s => s.Tokens).Select(t => Math.Round(t.Start.TotalSeconds, 2)));
        }
    }

    private static string CopyOf(string folder)
    {
        var dir = Directory.CreateTempSubdirectory("paraformer-").FullName;
        foreach (var file in Directory.GetFiles(TinyFunAsr.Folder(folder)))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
    }
}
