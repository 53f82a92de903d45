namespace FunAsr.Recognizer.Vad;

/// <summary>A final speech span of one channel with its audio (16 kHz, padding included).</summary>
internal sealed record SpeechChunk(int Channel, SpeechSpan Span, float[] Samples);
