namespace FunAsr.Recognizer.Models;

/// <summary>Which exporter produced a SenseVoice-format ONNX file; told apart by the input names.</summary>
public enum ModelExport
{
    /// <summary>sherpa-onnx's <c>export-onnx.py</c>: inputs <c>x, x_length, language, text_norm</c>, output <c>logits</c>,
    /// front-end settings and CMVN in the ONNX metadata, <c>tokens.txt</c>.</summary>
    SherpaOnnx,

    /// <summary>FunASR's own export: inputs <c>speech, speech_lengths, language, textnorm</c>, outputs <c>ctc_logits,
    /// encoder_out_lens</c>, no metadata; CMVN from <c>am.mvn</c>, tokens from <c>tokens.json</c>.</summary>
    FunAsr,
}
