namespace FunAsr.Recognizer.Models;

/// <summary>Which exporter produced a SenseVoice-format ONNX file; told apart by the input names.</summary>
internal enum ModelExport
{
    /// <summary>sherpa-onnx's <c>export-onnx.py</c>: inputs <c>x, x_length, language, text_norm</c>, output <c>logits</c>,
    /// front-end settings and CMVN in the ONNX metadata, <c>tokens.txt</c>.</summary>
    SherpaOnnx,

    /// <summary>FunASR's own export: inputs <c>speech, speech_lengths, language, textnorm</c>, outputs <c>ctc_logits,
    /// encoder_out_lens</c>, no metadata; CMVN from <c>am.mvn</c>, tokens from <c>tokens.json</c>.</summary>
    FunAsr,

    /// <summary>sherpa-onnx's <c>export_onnx_nano.py</c> (the CTC head of Fun-ASR-Nano-2512): input <c>x</c> [1,T,560] only,
    /// output <c>logits</c> [1,T,V] without prompt frames, no CMVN, blank = the last id, <c>tokens.txt</c> as base64 of each
    /// token's bytes; told apart by a metadata <c>comment</c> containing <c>Nano</c>.</summary>
    NanoCtc,
}
