namespace FunAsr.Recognizer.Vad;

/// <summary>
/// The fallback when no silero model is available: a window's level in dBFS against a fixed floor
/// (<see cref="VadOptions.EnergyThresholdDb"/>) and against each channel's tracked noise floor (+12 dB), mapped to a
/// probability with a logistic curve (3 dB per unit) so the same <see cref="SpeechSegmenter"/> settings apply. Good
/// on clean telephony channels (the far side is digital silence); weaker than silero under hold music or noise.
/// </summary>
internal sealed class EnergyVadModel(double thresholdDb) : ISpeechProbabilityModel
{
    /// <summary>Margin above the noise floor that counts as speech.</summary>
    internal const double NoiseMarginDb = 12;

    public string Name => "energy";

    public int WindowSamples => SileroVadModel.Window;

    public ISpeechProbabilityStream OpenStream(int channels) => new Stream(thresholdDb, channels, WindowSamples);

    public void Dispose()
    {
    }

    private sealed class Stream(double thresholdDb, int channels, int window) : ISpeechProbabilityStream
    {
        private const double SilenceDb = -100;

        // The floor follows a quieter window at once and rises slowly (about 3 dB per second of 32 ms windows), so a
        // long turn does not become the floor.
        private const double FloorRisePerWindow = 0.1;
        private readonly double[] _floorDb = Enumerable.Repeat(SilenceDb, channels).ToArray();

        public void Score(ReadOnlySpan<float> windows, Span<float> probabilities)
        {
            for (var row = 0; row < probabilities.Length; row++)
            {
                var ch = row % channels;
                var samples = windows.Slice(row * window, window);
                var energy = 0.0;
                foreach (var s in samples)
                {
                    energy += s * s;
                }

                var db = Math.Max(SilenceDb, 10 * Math.Log10(energy / window + 1e-12));
                _floorDb[ch] = Math.Min(db, _floorDb[ch] + FloorRisePerWindow);
                var speechDb = Math.Max(thresholdDb, _floorDb[ch] + NoiseMarginDb);
                probabilities[row] = (float)(1 / (1 + Math.Exp(-(db - speechDb) / 3)));
            }
        }

        public void Dispose()
        {
        }
    }
}
