namespace FunAsr.Recognizer.Audio;

/// <summary>Sample encodings the WAV reader decodes itself (after resolving WAVE_FORMAT_EXTENSIBLE).</summary>
internal enum WavCodec
{
    /// <summary>Integer PCM (format tag 1): 8-bit unsigned, 16/24/32-bit signed little-endian.</summary>
    Pcm = 1,

    /// <summary>IEEE float (format tag 3): 32 or 64 bits.</summary>
    IeeeFloat = 3,

    /// <summary>G.711 A-law (format tag 6), 8 bits.</summary>
    ALaw = 6,

    /// <summary>G.711 µ-law (format tag 7), 8 bits.</summary>
    MuLaw = 7,
}
