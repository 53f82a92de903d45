namespace FunAsr.Recognizer.Vad;

/// <summary>How the specialized silero file wants its spectrum (from its metadata): FFT size, hop between frames, the
/// reflect padding on each side of the window, and the scale in its log spectrum, log(1 + scale × magnitude).</summary>
internal sealed record SileroSpectrumFraming(int FftSize, int Hop, int ReflectPad, float LogScale);
