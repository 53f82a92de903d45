namespace FunAsr.Recognizer;

/// <summary>CT-Transformer punctuation of each segment, after decoding and before ITN (<c>punctuation:</c>, <c>--punc DIR</c>).</summary>
public sealed record PunctuationOptions
{
    /// <summary>The model folder: FunASR's (<c>model.onnx</c>, <c>config.yaml</c> with <c>model_conf.punc_list</c>,
    /// <c>tokens.json</c>) or sherpa-onnx's (<c>model.onnx</c>/<c>model.int8.onnx</c> with the <c>tokens</c>,
    /// <c>punctuations</c> metadata), offline or realtime (<c>vad_masks</c>/<c>sub_masks</c>) model.</summary>
    public required string ModelDirectory { get; init; }
}
