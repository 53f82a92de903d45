using FunAsr.Recognizer.Itn;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.FunAsrNano;
using FunAsr.Recognizer.Vad;

namespace FunAsr.Recognizer.Tests.Models.FunAsrNano;

public sealed class NanoModelFolderTests
{
    private static Transcriber Create(string directory) => Transcriber.Create(new TranscriberOptions
    {
        ModelDirectory = directory,
        Device = "cpu",
        IntraOpThreads = 1,
        Vad = VadOptions.Default with { Method = "off" },
        Itn = ItnOptions.Default,
    });

    [Theory]
    [InlineData("funasr-nano-int8", "llm.int8.onnx", "encoder_adaptor.int8.onnx")]
    [InlineData("funasr-nano-fp16", "llm.fp16.onnx", "encoder_adaptor.int8.onnx")]
    [InlineData("funasr-nano", "llm.fp32.onnx", "encoder_adaptor.onnx")]
    public void Each_published_LLM_layout_is_picked_without_flags(string folder, string llm, string encoder)
    {
        var directory = Path.Combine(Path.GetDirectoryName(NanoModels.Int8)!, folder);
        using var transcriber = Create(directory);

        Assert.Equal((NanoLlmModel.ModelType, folder, llm), (transcriber.Model.ModelType, transcriber.ModelId, Path.GetFileName(transcriber.Model.ModelPath)));
        Assert.Equal(encoder, Path.GetFileName(NanoLlmFiles.Find(directory).EncoderAdaptor));
        Assert.False(transcriber.Model.LfrPadEdges);
        Assert.False(transcriber.Model.Fbank.SnipEdges);
    }

    [Fact]
    public void The_CTC_export_is_picked_as_a_SenseVoice_model_with_byte_tokens()
    {
        using var transcriber = Create(NanoModels.Ctc);

        Assert.Equal((SenseVoiceCtcModelType, ModelExport.NanoCtc, 7, 0), (transcriber.Model.ModelType, transcriber.Model.Export, transcriber.Model.BlankId, transcriber.Model.PromptFrames));
        Assert.True(transcriber.Model.Base64Tokens);
    }

    [Fact]
    public void A_folder_without_the_llm_names_the_files_it_expected()
    {
        var directory = NanoModels.CopyOf(NanoModels.Int8);
        File.Delete(Path.Combine(directory, "llm.int8.onnx"));

        var error = Assert.Throws<ModelLoadException>(() => Create(directory));

        Assert.Equal($"{Path.Combine(directory, "llm.int8.onnx")}: missing: a Fun-ASR-Nano LLM folder needs the Qwen3 LLM in the unified KV-delta format as llm.int8.onnx or llm.fp16.onnx or llm.fp32.onnx.", error.Message);
    }

    [Fact]
    public void Caches_that_disagree_with_max_total_len_are_named_with_the_dims_expected()
    {
        var directory = NanoModels.CopyOf(NanoModels.Int8);
        File.Copy(NanoModels.WrongCacheDimsLlm, Path.Combine(directory, "llm.int8.onnx"), overwrite: true);

        var error = Assert.Throws<ModelLoadException>(() => Create(directory));

        Assert.Equal("max_total_len", error.Key);
        Assert.StartsWith($"{Path.Combine(directory, "llm.int8.onnx")}: cache input cache_key_0 float[-1,256,2,4] should be float[batch, 512, 2, 4]", error.Message);
    }

    [Fact]
    public void A_folder_without_its_tokenizer_says_which_folder_is_missing()
    {
        var directory = NanoModels.CopyOf(NanoModels.Int8);
        Directory.Delete(Path.Combine(directory, "Qwen3-0.6B"), recursive: true);

        var error = Assert.Throws<ModelLoadException>(() => Create(directory));

        Assert.StartsWith($"{Path.Combine(directory, "Qwen3-0.6B")}: missing: the LLM needs its tokenizer folder", error.Message);
    }

    [Fact]
    public void An_fp32_llm_without_its_external_data_file_names_it()
    {
        var directory = NanoModels.CopyOf(NanoModels.Fp32);
        File.Delete(Path.Combine(directory, "llm.fp32.data"));

        var error = Assert.Throws<ModelLoadException>(() => Create(directory));

        Assert.StartsWith($"{Path.Combine(directory, "llm.fp32.data")}: missing: llm.fp32.onnx keeps its weights", error.Message);
    }

    [Fact]
    public void An_LLM_of_another_format_is_refused_by_its_model_type()
    {
        var directory = NanoModels.CopyOf(NanoModels.Int8);
        File.Copy(Path.Combine(directory, "embedding.int8.onnx"), Path.Combine(directory, "llm.int8.onnx"), overwrite: true);

        var error = Assert.Throws<ModelLoadException>(() => Create(directory));

        Assert.Equal("model_type", error.Key);
        Assert.Contains("model_type is 'embedding_layer'; only the unified KV-delta export", error.Message);
    }

    private const string SenseVoiceCtcModelType = "sense_voice_ctc";
}
