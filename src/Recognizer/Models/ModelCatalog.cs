using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models.Ctc;
using FunAsr.Recognizer.Models.Paraformer;
using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Models;

/// <summary>
/// The one list of model families, keyed by the ONNX <c>model_type</c> metadata (sherpa-onnx's convention). Adding a
/// family = one adapter in its own folder (<c>Models/Ctc/</c>, <c>Models/Paraformer/</c>) and one entry here. A FunASR export carries no metadata; it is recognised
/// by its input names.
/// </summary>
internal static class ModelCatalog
{
    private static readonly Dictionary<string, Func<ModelFiles, OrtDeviceSession, TokenTable, IAcousticModel>> s_families =
        new(StringComparer.Ordinal)
        {
            [SenseVoiceCtcModel.ModelType] = SenseVoiceCtcModel.Open,
            [ParaformerModel.ModelType] = ParaformerModel.Open,
        };

    /// <summary>The model types this build can run.</summary>
    public static IReadOnlyCollection<string> ModelTypes => s_families.Keys;

    /// <summary>Opens the model in <paramref name="files"/> on the requested device.</summary>
    /// <exception cref="ModelLoadException">Unknown or missing <c>model_type</c>, wrong inputs, missing keys.</exception>
    /// <exception cref="OnnxRuntimeException">ORT cannot load the file, or an explicit CUDA device is unavailable.</exception>
    public static IAcousticModel Open(ModelFiles files, TokenTable tokens, OrtRuntime runtime, OrtSessionSettings settings, ILogger logger, SessionOpener? openSession = null)
    {
        var session = (openSession ?? OrtDeviceSession.Open)(runtime, files.ModelPath, settings, logger);
        try
        {
            var metadata = session.Session.Metadata;
            string modelType;
            if (metadata.TryGetValue("model_type", out var declared))
            {
                modelType = declared;
            }
            else if (SenseVoiceCtcModel.DetectExport(session.Session.Inputs) == ModelExport.FunAsr)
            {
                modelType = SenseVoiceCtcModel.ModelType;
            }
            else if (ParaformerModel.IsFunAsrExport(session.Session))
            {
                modelType = ParaformerModel.ModelType;
            }
            else
            {
                throw new ModelLoadException(files.ModelPath,
                    $"ONNX metadata has no 'model_type' (keys found: {new ModelMetadata(files.ModelPath, metadata).KeyList()}). " +
                    $"Export the model with sherpa-onnx's scripts, which write it, or add it with onnx.helper.set_model_props " +
                    $"(known types: {string.Join(", ", ModelTypes)}).", "model_type");
            }

            if (!s_families.TryGetValue(modelType, out var open))
            {
                throw new ModelLoadException(files.ModelPath,
                    $"model_type '{modelType}' is not supported (known types: {string.Join(", ", ModelTypes)}).", "model_type");
            }

            return open(files, session, tokens);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }
}
