using FunAsr.Recognizer.Audio;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;

namespace FunAsr.Recognizer;

/// <summary>
/// Whether a recording file is finished as far as its container can tell, for inboxes that recorders write into.
/// A WAV is complete when its RIFF size and the size of its <c>data</c> chunk agree with the file's length (recorders
/// write placeholder sizes and patch them on close, or declare the final size up front and fill it in). Other
/// containers are complete when ffmpeg demuxes the first audio stream to a clean end without decoding it.
/// </summary>
public static class RecordingCompleteness
{
    private const uint StreamingSize = 0xFFFFFFFF;
    private const uint SoxPipeSize = 0x7FFFF000;
    private static readonly TimeSpan FfmpegTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Null when the file looks complete, else why it does not (for the log).</summary>
    public static string? WhyIncomplete(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> head = stackalloc byte[12];
        var read = stream.ReadAtLeast(head, 12, throwOnEndOfStream: false);
        if (read < 12) return $"only {read} bytes so far";
        return WavReader.IsRiffWave(head) ? WhyWavIncomplete(stream, head) : WhyFfmpegFindsIncomplete(path);
    }

    private static string? WhyWavIncomplete(FileStream stream, ReadOnlySpan<byte> head)
    {
        var length = stream.Length;
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]);
        if (riffSize is 0 or StreamingSize or SoxPipeSize) return "the RIFF size is still a placeholder";
        if (riffSize + 8L > length) return $"the RIFF header declares {riffSize + 8L} bytes but the file has {length}";
        long position = 12;
        Span<byte> chunk = stackalloc byte[8];
        while (position + 8 <= length)
        {
            stream.Position = position;
            stream.ReadExactly(chunk);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
            {
                if (size is 0 or StreamingSize or SoxPipeSize) return "the data chunk size is still a placeholder";
                return position + 8 + size > length ? $"the data chunk declares {size} bytes but {length - position - 8} are there" : null;
            }
            position += 8 + size + (size & 1);
        }
        return "no data chunk yet";
    }

    private static string? WhyFfmpegFindsIncomplete(string path)
    {
        var start = new ProcessStartInfo(FfmpegDecoder.DefaultExecutable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-i", path, "-map", "0:a:0", "-c", "copy", "-f", "null", "-" })
            start.ArgumentList.Add(arg);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // No ffmpeg: the decoder reports that when the recording is read; stability alone decides here.
        }
        if (process is null) return null;
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(FfmpegTimeout))
            {
                process.Kill();
                return "ffmpeg did not finish reading it";
            }
            var errors = stderr.Result.Trim();
            if (process.ExitCode == 0 && errors.Length == 0) return null;
            var firstLine = errors.Split('\n', 2)[0].Trim();
            return $"ffmpeg does not read it to a clean end ({(firstLine.Length > 0 ? firstLine : $"exit code {process.ExitCode}")})";
        }
    }
}
