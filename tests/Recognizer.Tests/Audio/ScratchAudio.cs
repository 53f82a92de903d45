using System.Diagnostics;

namespace FunAsr.Recognizer.Tests.Audio;

/// <summary>A temporary folder in which tests make real recordings with sox and ffmpeg (installed by tools/install-deps.sh).</summary>
internal sealed class ScratchAudio : IDisposable
{
    public ScratchAudio() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "funasr-audio-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs a tool and returns its stdout bytes; a non-zero exit fails the test with the tool's stderr.</summary>
    public static byte[] Run(string tool, params string[] args)
    {
        // stdin is closed: ffmpeg otherwise reads the test host's stdin as key presses and can stop encoding early.
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var stdout = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(stdout);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed: {stderr.Result}");
        return stdout.ToArray();
    }

    /// <summary>sox's own decoding of <paramref name="path"/> as interleaved float32, the reference our reader must match.</summary>
    public static float[] SoxSamples(string path) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Run("sox", path, "-t", "f32", "-")).ToArray();

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
