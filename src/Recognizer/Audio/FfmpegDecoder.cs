using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace FunAsr.Recognizer.Audio;

/// <summary>
/// Decodes anything our WAV reader does not (mp3, m4a/aac, ogg/opus, flac, amr, wma, RF64…) with the system
/// <c>ffmpeg</c> in a child process. ffmpeg streams raw 32-bit float little-endian PCM (<c>pcm_f32le</c>) to our
/// stdin inside a streaming WAV envelope (sizes 0xFFFFFFFF), which carries the channel count and sample rate; the
/// samples are read block by block with <see cref="WavReader"/>, so nothing is buffered whole. Channels stay separate
/// and the native rate is kept (resampling is ours, as for WAV input).
/// </summary>
internal sealed class FfmpegDecoder : IPcmReader
{
    /// <summary>Environment variable that overrides the ffmpeg executable (default: <c>ffmpeg</c> on PATH).</summary>
    public const string ExecutableVariable = "FFMPEG_PATH";

    /// <summary>$FFMPEG_PATH when set, else <c>ffmpeg</c> on PATH.</summary>
    internal static string DefaultExecutable =>
        Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : "ffmpeg";

    private readonly Process _process;
    private readonly WavReader _pcm;
    private readonly string _path;
    private readonly StringBuilder _stderr;

    private FfmpegDecoder(Process process, WavReader pcm, string path, StringBuilder stderr)
    {
        _process = process;
        _pcm = pcm;
        _path = path;
        _stderr = stderr;
    }

    /// <inheritdoc />
    public int SampleRateHz => _pcm.SampleRateHz;

    /// <inheritdoc />
    public int ChannelCount => _pcm.ChannelCount;

    /// <inheritdoc />
    public long? FrameCount => null;

    /// <summary>Starts ffmpeg on <paramref name="path"/>; <paramref name="executable"/> defaults to $FFMPEG_PATH or <c>ffmpeg</c>.</summary>
    public static FfmpegDecoder Open(string path, string? executable = null)
    {
        executable ??= DefaultExecutable;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "-nostdin", "-hide_banner", "-loglevel", "error", "-i", path, "-vn", "-map_metadata", "-1",
                                       "-c:a", "pcm_f32le", "-f", "wav", "-" })
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("Process.Start returned no process");
        }
        catch (Win32Exception e)
        {
            throw new AudioFormatException(path,
                $"decoding '{Path.GetExtension(path)}' files needs ffmpeg, which could not be started as '{executable}' ({e.Message}). " +
                $"Install it (apt-get install ffmpeg) or point {ExecutableVariable} at it; WAV files are read without it.", e);
        }

        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, line) =>
        {
            lock (stderr)
            {
                if (line.Data is { } text && stderr.Length < 8192)
                    stderr.AppendLine(text);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            return new FfmpegDecoder(process, WavReader.Open(process.StandardOutput.BaseStream, path), path, stderr);
        }
        catch (AudioFormatException e)
        {
            process.WaitForExit();
            // WavReader closed the pipe: ffmpeg that wrote a header it refuses (too many channels, a rate out of range)
            // ends cleanly or on the broken pipe; ffmpeg that could not decode ends with its own error.
            bool refusedByUs = process.ExitCode == 0 || Stderr(stderr).Contains("Broken pipe", StringComparison.Ordinal);
            string problem = refusedByUs ? $"decoded by ffmpeg, {e.Problem}" : $"ffmpeg could not decode it: {Reason(process, stderr)}";
            process.Dispose();
            throw new AudioFormatException(path, problem, e);
        }
    }

    /// <inheritdoc />
    public int Read(float[][] destination, int offset, int maxFrames)
    {
        int frames = _pcm.Read(destination, offset, maxFrames);
        if (frames == 0)
        {
            _process.WaitForExit();
            if (_process.ExitCode != 0)
                throw new AudioFormatException(_path, $"ffmpeg failed while decoding: {Reason(_process, _stderr)}");
        }

        return frames;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _pcm.Dispose();
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private static string Reason(Process process, StringBuilder stderr)
    {
        string text = Stderr(stderr);
        return text.Length > 0 ? $"{text} (exit code {process.ExitCode})" : $"exit code {process.ExitCode} and no message";
    }

    private static string Stderr(StringBuilder stderr)
    {
        lock (stderr)
            return stderr.ToString().Trim();
    }
}
