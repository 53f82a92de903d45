using System.Diagnostics;
using System.Text.Json.Nodes;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.FunAsrFamily;

/// <summary>
/// models/tiny-funasr (tools/make-funasr-tiny-models.py): tiny Paraformer, FSMN-VAD and CT-Transformer stand-ins with
/// the real I/O, their golden outputs, deterministic test clips, and the sherpa-onnx-node peer run in a child process.
/// </summary>
internal static class TinyFunAsr
{
    public static string Folder(string name) => RepoPaths.Of("models", "tiny-funasr", name);

    public static JsonNode Golden(string name) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder("golden"), name)))!;

    public static float[] GoldenFloats(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder("golden"), name));
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    /// <summary>A clip of <paramref name="seconds"/> of gliding tones whose pitch, spacing and loudness follow <paramref name="seed"/>,
    /// quantised to 16 bits so a WAV holds exactly these samples.</summary>
    public static float[] Clip(int seed, double seconds)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * 16000)];
        var start = 0;
        while (start < samples.Length)
        {
            var length = random.Next(1600, 8000);
            var hz = 150 + random.NextDouble() * 3000;
            var glide = random.NextDouble() * 800 - 400;
            var level = random.NextDouble() < 0.25 ? 0 : 0.05 + random.NextDouble() * 0.4;
            for (var i = 0; i < length && start + i < samples.Length; i++)
            {
                var t = i / 16000.0;
                var value = level * Math.Sin(2 * Math.PI * (hz + glide * t) * t) * Math.Sin(Math.PI * i / length);
                samples[start + i] = (float)(Math.Round(value * 32767) / 32768);
            }

            start += length;
        }

        return samples;
    }

    public static void WriteWav(string path, float[] samples)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + samples.Length * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(16000);
        writer.Write(32000);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var s in samples)
        {
            writer.Write((short)Math.Clamp(Math.Round(s * 32768), short.MinValue, short.MaxValue));
        }
    }

    /// <summary>Runs tools/funasr/check-sherpa-funasr.js; null with the reason when node or the sherpa-onnx-node package is missing.</summary>
    public static (IReadOnlyList<JsonNode>? Lines, string Reason) Sherpa(string mode, string modelDir, IEnumerable<string> args, string? stdin = null)
    {
        var package = RepoPaths.Of(".deps", "sherpa-onnx", "node_modules", "sherpa-onnx-node");
        if (!Directory.Exists(package))
        {
            return (null, $"SKIPPED: sherpa-onnx-node is not installed at {package} (tools/install-deps.sh installs it with npm).");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { RepoPaths.Of("tools", "funasr", "check-sherpa-funasr.js"), mode, modelDir }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "SKIPPED: node is not on PATH (tools/install-deps.sh installs it).");
        }

        using (process)
        {
            process.StandardInput.Write(stdin ?? "");
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"sherpa-onnx-node exited with {process.ExitCode}: {stderr.Result}");
            }

            return (stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray(), "");
        }
    }
}
