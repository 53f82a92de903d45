using FunAsr.Recognizer.Onnx;
using Microsoft.Extensions.Logging;

namespace FunAsr.Recognizer.Vad;

/// <summary>
/// silero-vad through ONNX Runtime on the CPU provider (its maintainers: the model is not meant for GPUs).
/// Both interfaces are recognised from the inputs, as sherpa-onnx does: v4 (<c>input</c> [B, 512], <c>sr</c>,
/// <c>h</c>/<c>c</c> [2, B, 64] → <c>output</c> [B, 1], <c>hn</c>, <c>cn</c>; the file shipped in
/// <c>models/silero-vad/</c>) and v5/v6 (<c>input</c> [B, 64 + 512] with the previous window's last 64 samples in front, <c>state</c>
/// [2, B, 128], <c>sr</c> → <c>output</c>, <c>stateN</c>), and v4 specialized for 16 kHz (<see cref="SileroSpecializedFile"/>:
/// no <c>sr</c> input; <c>spectrum</c> [bins, windows, B, frames], the windows' STFT magnitudes, and their
/// <c>log_spectrum</c> → <c>output</c> [windows, B]: consecutive windows in one run). The channels of a recording run
/// as one batch.
/// </summary>
internal sealed class SileroVadModel : ISpeechProbabilityModel
{
    internal const int SampleRateHz = VoiceActivityDetector.SampleRateHz;
    internal const int Window = 512;
    internal const int V5Context = 64;

    private SileroVadModel(OrtSession session, int version, int stateDim, SileroSpectrumFraming? spectrumFraming = null)
    {
        Session = session;
        Version = version;
        StateDim = stateDim;
        SpectrumFraming = spectrumFraming;
    }

    public string Name => $"silero-v{Version}";

    public int WindowSamples => Window;

    /// <summary>4 or 5 (v5 and v6 share the interface).</summary>
    internal int Version { get; }

    /// <summary>Width of the recurrent state: 64 (v4) or 128 (v5).</summary>
    internal int StateDim { get; }

    /// <summary>How the specialized file wants its windows' spectra cut (<see cref="SileroSpectrum"/>); null for a file
    /// that takes samples.</summary>
    internal SileroSpectrumFraming? SpectrumFraming { get; }

    /// <summary>Whether the model has the <c>sr</c> input (the specialized file does not).</summary>
    internal bool TakesSampleRate => SpectrumFraming is null;

    /// <summary>Whether a run takes consecutive windows rather than one: the specialized file.</summary>
    internal bool ScoresWindowSequences => SpectrumFraming is not null;

    internal OrtSession Session { get; }

    /// <summary>Opens the 16 kHz specialization of <paramref name="path"/> (<see cref="SileroSpecializedFile"/>) when it is
    /// there and was made from that very file, otherwise <paramref name="path"/>; a copy that cannot stand in for it
    /// (made from another file, for another rate, unreadable) is named in the log with the reason.</summary>
    /// <exception cref="ModelLoadException">The file's inputs are neither the v4 nor the v5 interface.</exception>
    public static SileroVadModel OpenSpecializedIfPresent(string path, string? ortLibraryPath, int threads, ILogger logger)
    {
        var specialized = SileroSpecializedFile.PathFor(path);
        if (File.Exists(specialized))
        {
            string? mismatch;
            try
            {
                var model = Open(specialized, ortLibraryPath, threads);
                mismatch = SileroSpecializedFile.Mismatch(model.Session, path);
                if (mismatch is null)
                {
                    return model;
                }

                model.Dispose();
            }
            catch (Exception e) when (e is ModelLoadException or OnnxRuntimeException)
            {
                mismatch = e.Message;
            }

            logger.LogWarning("Ignoring {Specialized}: {Reason}. Re-make it with tools/specialize-silero-vad.py.", specialized, mismatch);
        }

        return Open(path, ortLibraryPath, threads);
    }

    /// <summary>Opens <paramref name="path"/> on the CPU with <paramref name="threads"/> per run (one by default: windows
    /// are tiny; calls run in parallel).</summary>
    /// <exception cref="ModelLoadException">The file's inputs are neither the v4 nor the v5 interface.</exception>
    public static SileroVadModel Open(string path, string? ortLibraryPath, int threads = 1)
    {
        var runtime = OrtRuntime.Load(ortLibraryPath);
        using var options = new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: threads, InterOpThreads: 1).CreateOptions(OrtDevice.Cpu);
        var session = OrtSession.Create(runtime, path, options);
        try
        {
            var inputs = session.Inputs.Select(i => i.Name).Order(StringComparer.Ordinal).ToArray();
            var outputs = session.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            if (inputs.SequenceEqual(["c", "h", "input", "sr"]) && outputs.SetEquals(["output", "hn", "cn"]))
            {
                return new SileroVadModel(session, 4, (int)session.Inputs.First(i => i.Name == "h").Shape[^1]);
            }

            if ((inputs.SequenceEqual(["c", "h", "log_spectrum", "spectrum"]) || inputs.SequenceEqual(["c", "h", "input"])) && outputs.SetEquals(["output", "hn", "cn"]))
            {
                if (!SileroSpecializedFile.IsForOurRate(session.Metadata))
                {
                    throw new ModelLoadException(path,
                        $"silero v4 without an sr input, but its metadata has no {SileroSpecializedFile.SampleRateKey} = {SampleRateHz}: " +
                        "it is specialized for another sample rate, or not by tools/specialize-silero-vad.py.");
                }

                var framing = (inputs.Contains("spectrum") ? SileroSpecializedFile.Framing(session.Metadata) : null)
                    ?? throw new ModelLoadException(path,
                        $"its metadata has no {SileroSpecializedFile.LayoutKey} = {SileroSpecializedFile.SpectrumLayout} with the framing of its spectrum: " +
                        "it was made by an older tools/specialize-silero-vad.py.");
                if (SileroSpectrum.FramingProblem(framing, Window) is { } problem)
                {
                    throw new ModelLoadException(path, $"its metadata's spectrum: {problem}");
                }

                return new SileroVadModel(session, 4, (int)session.Inputs.First(i => i.Name == "h").Shape[^1], framing);
            }

            if (inputs.SequenceEqual(["input", "sr", "state"]) && outputs.SetEquals(["output", "stateN"]))
            {
                return new SileroVadModel(session, 5, (int)session.Inputs.First(i => i.Name == "state").Shape[^1]);
            }

            throw new ModelLoadException(path,
                $"not a silero VAD model: inputs {string.Join(", ", session.Inputs)} and outputs {string.Join(", ", session.Outputs)}; " +
                "expected v4 (input, sr, h, c → output, hn, cn) or v5 (input, state, sr → output, stateN).");
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public ISpeechProbabilityStream OpenStream(int channels) => new SileroVadStream(this, channels);

    public void Dispose() => Session.Dispose();
}
