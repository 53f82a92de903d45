using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer.Models;

/// <summary>
/// What the rest of the recognizer needs to know about an acoustic model, read from its ONNX metadata (sherpa-onnx
/// exports) or its side files (FunASR exports).
/// </summary>
internal sealed record ModelInfo
{
    /// <summary>The <c>model_type</c> (catalog key), e.g. <c>sense_voice_ctc</c>.</summary>
    public required string ModelType { get; init; }

    /// <summary>Model identifier reported in transcripts: the model directory name, e.g. <c>test-tiny</c>.</summary>
    public required string ModelId { get; init; }

    /// <summary>Full path of the ONNX file.</summary>
    public required string ModelPath { get; init; }

    /// <summary>Which exporter wrote the file.</summary>
    public required ModelExport Export { get; init; }

    /// <summary>Number of output classes (columns of the logits).</summary>
    public required int VocabSize { get; init; }

    /// <summary>True when <c>tokens.txt</c> holds base64 of each token's bytes (<see cref="ModelExport.NanoCtc"/>).</summary>
    public bool Base64Tokens { get; init; }

    /// <summary>CTC blank id.</summary>
    /// <value>0.</value>
    public int BlankId { get; init; }

    /// <summary>LFR: input frames stacked per model frame (SenseVoice: 7).</summary>
    public required int LfrWindowSize { get; init; }

    /// <summary>LFR: input frames advanced per model frame (SenseVoice: 6, so a model frame is 60 ms).</summary>
    public required int LfrWindowShift { get; init; }

    /// <summary>False when the model expects samples scaled to [-32768, 32767] before fbank (SenseVoice: false).</summary>
    public bool NormalizeSamples { get; init; }

    /// <summary>Kaldi fbank settings; <see cref="MelBins"/> and <see cref="NormalizeSamples"/> override theirs.</summary>
    /// <value><see cref="FbankOptions.Default"/> (SenseVoice).</value>
    public FbankOptions Fbank { get; init; } = FbankOptions.Default;

    /// <summary>LFR pads the edges as FunASR does (true), or takes whole windows only (the Fun-ASR-Nano LLM).</summary>
    /// <value>true.</value>
    public bool LfrPadEdges { get; init; } = true;

    /// <summary>CMVN applied after LFR, [<see cref="FeatureDim"/>] shift and scale.</summary>
    public required Cmvn Cmvn { get; init; }

    /// <summary>Mel bins of the fbank front end.</summary>
    /// <value>80.</value>
    public int MelBins { get; init; } = 80;

    /// <summary>Model input dimension: <see cref="MelBins"/> × <see cref="LfrWindowSize"/> (560).</summary>
    public int FeatureDim => MelBins * LfrWindowSize;

    /// <summary>Prompt ids of the <c>language</c> input by language code (<c>auto</c> 0, <c>zh</c> 3, <c>en</c> 4, …).</summary>
    public required IReadOnlyDictionary<string, int> LanguageIds { get; init; }

    /// <summary>Prompt id of the <c>text_norm</c> input asking the model for written form (14).</summary>
    public int WithItnId { get; init; } = 14;

    /// <summary>Prompt id of the <c>text_norm</c> input asking for spoken form (15).</summary>
    public int WithoutItnId { get; init; } = 15;

    /// <summary>Leading output frames that carry tags (language, emotion, event, ITN) rather than speech.</summary>
    /// <value>4.</value>
    public int PromptFrames { get; init; } = 4;

    /// <summary>Sample rate the front end expects (<see cref="FbankOptions.SampleRateHz"/>); audio is resampled to it.</summary>
    public int SampleRateHz => Fbank.SampleRateHz;

    /// <summary>Duration of one output frame after the prompt: the fbank frame shift × <see cref="LfrWindowShift"/> (60 ms for SenseVoice).</summary>
    public TimeSpan FrameShift => Fbank.FrameShift * LfrWindowShift;

    /// <summary>True when several segments can be padded into one run.</summary>
    /// <value>True for SenseVoice.</value>
    public bool SupportsBatch { get; init; } = true;

    /// <summary>The model's front end: <see cref="Fbank"/> with <see cref="MelBins"/> (samples scaled by 32768 unless
    /// <see cref="NormalizeSamples"/>), LFR and <see cref="Cmvn"/>.</summary>
    internal FeaturePipeline CreateFeaturePipeline() => new(
        Fbank with { MelBins = MelBins, SampleScale = NormalizeSamples ? 1f : FbankOptions.Default.SampleScale },
        new Lfr(LfrWindowSize, LfrWindowShift, LfrPadEdges),
        Cmvn);
}
