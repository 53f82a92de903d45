using FunAsr.Recognizer;

namespace FunAsr.Ingest.Configuration;

/// <summary>The <c>punctuation:</c> section: a CT-Transformer punctuation model run on each segment before ITN.</summary>
internal sealed class PunctuationSettings
{
    /// <summary>The model folder (FunASR's <c>punc_ct-transformer_*-onnx</c> or sherpa-onnx's <c>sherpa-onnx-punct-ct-transformer-*</c>);
    /// null writes no punctuation.</summary>
    public string? ModelDir { get; set; }

    /// <summary>False keeps the model configured but off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The punctuation options for the transcriber, or null when off or unconfigured.</summary>
    public PunctuationOptions? Options() => Enabled && ModelDir is not null ? new PunctuationOptions { ModelDirectory = Path.GetFullPath(ModelDir) } : null;

    public IEnumerable<string> Validate()
    {
        if (ModelDir is not null && !Directory.Exists(ModelDir))
            yield return $"punctuation.model_dir: folder '{Path.GetFullPath(ModelDir)}' does not exist";
    }
}
