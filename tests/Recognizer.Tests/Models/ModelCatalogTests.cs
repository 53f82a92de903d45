using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Onnx;

namespace FunAsr.Recognizer.Tests.Models;

public sealed class ModelCatalogTests
{
    private static IAcousticModel Open(string directory)
    {
        var files = ModelFiles.Find(directory);
        return ModelCatalog.Open(files, TokenTable.Load(files.TokensPath), OrtRuntime.Load(), new OrtSessionSettings(OrtDevice.Cpu, 1), new CollectingLogger());
    }

    [Fact]
    public void The_sherpa_export_is_read_from_its_metadata()
    {
        using var model = Open(TinyModel.Directory);

        var info = model.Info;
        Assert.Equal(("sense_voice_ctc", "test-tiny", ModelExport.SherpaOnnx), (info.ModelType, info.ModelId, info.Export));
        Assert.Equal((27, 7, 6, 560, false), (info.VocabSize, info.LfrWindowSize, info.LfrWindowShift, info.FeatureDim, info.NormalizeSamples));
        Assert.All(info.Cmvn.NegMean, v => Assert.Equal(-10f, v));
        Assert.All(info.Cmvn.InvStddev, v => Assert.Equal(0.25f, v));
        Assert.Equal((3, 4, 14, 15), (info.LanguageIds["zh"], info.LanguageIds["en"], info.WithItnId, info.WithoutItnId));
        Assert.Equal(TimeSpan.FromMilliseconds(60), info.FrameShift);
        Assert.Equal("cpu", model.Device);
    }

    [Fact]
    public void The_funasr_export_is_told_apart_by_its_input_names_and_uses_am_mvn_and_tokens_json()
    {
        using var model = Open(TinyModel.FunAsrDirectory);

        Assert.Equal((ModelExport.FunAsr, 27), (model.Info.Export, model.Info.VocabSize));
        Assert.All(model.Info.Cmvn.NegMean, v => Assert.Equal(-10f, v));
    }

    [Fact]
    public void Both_exports_give_the_same_logits_with_lengths_including_the_prompt()
    {
        using var sherpa = Open(TinyModel.Directory);
        using var funAsr = Open(TinyModel.FunAsrDirectory);
        var features = TinyModel.Features("你", "好", null, null).Concat(TinyModel.Features("▁one", null, null, null)).ToArray();
        var batch = new FeatureBatch(features, [2, 4], [0, 4], [15, 15], 4, 560);

        var a = sherpa.Run(batch);
        var b = funAsr.Run(batch);

        Assert.Equal([6, 8], a.Lengths);
        Assert.Equal(a.Lengths, b.Lengths);
        Assert.Equal(a.Logits, b.Logits);
        Assert.Equal(8, a.Frames);
    }

    [Fact]
    public void A_model_with_wrong_inputs_names_the_file_and_both_accepted_signatures()
    {
        var error = Assert.Throws<ModelLoadException>(() => Open(TinyModel.Variant("wrong-inputs")));

        Assert.StartsWith(Path.Combine(TinyModel.Variant("wrong-inputs"), "model.onnx") + ": inputs are (audio float[-1,-1,560]", error.Message);
        Assert.Contains("(x, x_length, language, text_norm)", error.Message);
        Assert.Contains("(speech, speech_lengths, language, textnorm)", error.Message);
    }

    [Fact]
    public void A_missing_metadata_key_is_named_with_the_keys_found()
    {
        var error = Assert.Throws<ModelLoadException>(() => Open(TinyModel.Variant("missing-metadata")));

        Assert.Equal("vocab_size", error.Key);
        Assert.Contains("model.onnx: ONNX metadata key 'vocab_size' is missing (keys found: comment, inv_stddev,", error.Message);
    }

    [Fact]
    public void A_missing_model_directory_says_what_to_pass()
    {
        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Find("/no/such/model"));

        Assert.StartsWith("/no/such/model: model directory does not exist", error.Message);
        Assert.Contains("--model DIR", error.Message);
    }

    [Fact]
    public void A_directory_without_tokens_says_which_files_are_expected()
    {
        var dir = Directory.CreateTempSubdirectory("model-").FullName;
        File.Copy(Path.Combine(TinyModel.Directory, "model.onnx"), Path.Combine(dir, "model.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => ModelFiles.Find(dir));

        Assert.Contains("expected tokens.txt (sherpa-onnx export) or tokens.json (FunASR export)", error.Message);
    }

    [Fact]
    public void Tokens_that_do_not_match_the_vocabulary_size_are_an_error_naming_the_token_file()
    {
        var dir = Directory.CreateTempSubdirectory("model-").FullName;
        File.Copy(Path.Combine(TinyModel.Directory, "model.onnx"), Path.Combine(dir, "model.onnx"));
        File.WriteAllLines(Path.Combine(dir, "tokens.txt"), File.ReadLines(Path.Combine(TinyModel.Directory, "tokens.txt")).Take(20));

        var error = Assert.Throws<ModelLoadException>(() => Open(dir));

        Assert.StartsWith(Path.Combine(dir, "tokens.txt") + ": has 20 tokens but the model's vocabulary size is 27", error.Message);
    }
}
