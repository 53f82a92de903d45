namespace FunAsr.Recognizer.Vad;

/// <summary>How the specialized silero file's STFT cuts a window (from its metadata): FFT size, hop between frames and
/// the reflect padding on each side of the window.</summary>
internal sealed record SileroSpectrumFraming(int FftSize, int Hop, int ReflectPad);
