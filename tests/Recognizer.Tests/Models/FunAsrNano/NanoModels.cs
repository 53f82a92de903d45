using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Models.FunAsrNano;

/// <summary>The tiny Fun-ASR-Nano stand-ins in models/test-nano (tools/make-nano-tiny-models.py).</summary>
internal static class NanoModels
{
    public static string Int8 { get; } = RepoPaths.Of("models", "test-nano", "funasr-nano-int8");

    public static string Fp16 { get; } = RepoPaths.Of("models", "test-nano", "funasr-nano-fp16");

    public static string Fp32 { get; } = RepoPaths.Of("models", "test-nano", "funasr-nano");

    public static string Ctc { get; } = RepoPaths.Of("models", "test-nano", "sense-voice-nano-ctc");

    public static string WrongCacheDimsLlm { get; } = RepoPaths.Of("models", "test-nano", "wrong-cache-dims", "llm.int8.onnx");

    /// <summary>A copy of <paramref name="source"/> in a fresh temporary folder, to break on purpose.</summary>
    public static string CopyOf(string source)
    {
        var target = Directory.CreateTempSubdirectory("nano-").FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
