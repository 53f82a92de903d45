namespace FunAsr.Recognizer.Vad;

/// <summary>
/// A voice activity model: scores fixed windows of 16 kHz audio with a speech probability. Implementations: silero
/// (<see cref="SileroVadModel"/>) and the energy fallback (<see cref="EnergyVadModel"/>). Thread-safe; each stream of
/// audio gets its own <see cref="ISpeechProbabilityStream"/> holding the recurrent state.
/// </summary>
internal interface ISpeechProbabilityModel : IDisposable
{
    /// <summary>What runs, for logs and transcripts, e.g. <c>silero-v4</c> or <c>energy</c>.</summary>
    string Name { get; }

    /// <summary>Samples per scored window at 16 kHz (512 = 32 ms).</summary>
    int WindowSamples { get; }

    /// <summary>Starts a stream of <paramref name="channels"/> channels scored together, state reset.</summary>
    ISpeechProbabilityStream OpenStream(int channels);
}
