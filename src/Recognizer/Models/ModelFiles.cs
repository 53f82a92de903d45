namespace FunAsr.Recognizer.Models;

/// <summary>
/// The files of a model directory: the ONNX file (<c>model.onnx</c>, else <c>model.int8.onnx</c>, else
/// <c>model_quant.onnx</c>, else the only <c>*.onnx</c>), the token table (<c>tokens.txt</c> or <c>tokens.json</c>) and,
/// for FunASR exports, <c>am.mvn</c>.
/// </summary>
internal sealed record ModelFiles(string Directory, string ModelPath, string TokensPath, string? AmMvnPath)
{
    private static readonly string[] s_modelNames = ["model.onnx", "model.int8.onnx", "model_quant.onnx"];
    private static readonly string[] s_tokenNames = ["tokens.txt", "tokens.json"];

    /// <summary>Model identifier: the directory name.</summary>
    public string ModelId => Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar));

    /// <summary>Finds the files in <paramref name="directoryOrModelFile"/> (a directory, or the .onnx file inside one).</summary>
    /// <exception cref="ModelLoadException">The directory, the model file or the token table is missing.</exception>
    public static ModelFiles Find(string directoryOrModelFile)
    {
        var full = Path.GetFullPath(directoryOrModelFile);
        string directory;
        string? modelPath = null;
        if (File.Exists(full))
        {
            directory = Path.GetDirectoryName(full)!;
            modelPath = full;
        }
        else if (System.IO.Directory.Exists(full))
        {
            directory = full;
        }
        else
        {
            throw new ModelLoadException(full, "model directory does not exist. Pass a directory holding model.onnx and tokens.txt " +
                "(--model DIR, FUNASR_MODEL_DIR or TranscriberOptions.ModelDirectory); bundled ones are models/demo-callcentre and models/test-tiny.");
        }

        modelPath ??= s_modelNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists)
            ?? SingleOnnxFile(directory);
        var tokens = s_tokenNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists)
            ?? throw new ModelLoadException(directory, "no token table: expected tokens.txt (sherpa-onnx export) or tokens.json (FunASR export) beside the model.");
        var amMvn = Path.Combine(directory, "am.mvn");
        return new ModelFiles(directory, modelPath, tokens, File.Exists(amMvn) ? amMvn : null);
    }

    private static string SingleOnnxFile(string directory)
    {
        var candidates = System.IO.Directory.GetFiles(directory, "*.onnx");
        return candidates.Length == 1
            ? candidates[0]
            : throw new ModelLoadException(directory, candidates.Length == 0
                ? $"no ONNX model file (looked for {string.Join(", ", s_modelNames)} or any *.onnx)."
                : $"several ONNX files and none named {string.Join(" or ", s_modelNames)}: {string.Join(", ", candidates.Select(Path.GetFileName))}; pass the file itself.");
    }
}
