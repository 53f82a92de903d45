namespace FunAsr.Recognizer.Vad;

/// <summary>
/// One detected stretch of speech in one channel, in samples from the start of the stream.
/// [<paramref name="Start"/>, <paramref name="End"/>) is the audio handed to the model (detection plus padding);
/// [<paramref name="SpeechStart"/>, <paramref name="SpeechEnd"/>) is the detection itself, used for call metrics.
/// </summary>
internal readonly record struct SpeechSpan(long Start, long End, long SpeechStart, long SpeechEnd)
{
    public long Length => End - Start;
}
