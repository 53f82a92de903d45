namespace FunAsr.Recognizer.Vad;

/// <summary>Voice activity detection over one recording as it is read: blocks of all channels in (16 kHz), final
/// speech chunks with their audio out. <see cref="VadStream"/> (silero, energy) and <see cref="Fsmn.FsmnVadStream"/>.
/// Disposing releases the scorer's runtime buffers.</summary>
internal interface ISpeechChunkStream : IDisposable
{
    /// <summary>Samples per channel consumed so far.</summary>
    long Position { get; }

    /// <summary>The largest audio buffer held by any channel, in samples.</summary>
    int BufferedCapacity { get; }

    /// <summary>Consumes <paramref name="frames"/> samples of each channel's block; returns the chunks that became final.</summary>
    IReadOnlyList<SpeechChunk> Push(float[][] block, int frames);

    /// <summary>Ends the recording and returns the chunks still open.</summary>
    IReadOnlyList<SpeechChunk> Finish();
}
