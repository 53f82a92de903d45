namespace FunAsr.Recognizer.Audio;

/// <summary>The parsed <c>fmt </c> chunk of a WAV file.</summary>
/// <param name="Codec">Sample encoding.</param>
/// <param name="ChannelCount">Interleaved channels per frame.</param>
/// <param name="SampleRateHz">Frames per second.</param>
/// <param name="BitsPerSample">Container bits per sample (a 24-in-32 EXTENSIBLE file reports 32).</param>
/// <param name="BlockAlign">Bytes per frame.</param>
internal sealed record WavFormat(WavCodec Codec, int ChannelCount, int SampleRateHz, int BitsPerSample, int BlockAlign)
{
    /// <summary>The encodings this reader supports, quoted in errors.</summary>
    public const string SupportedList =
        "PCM 8/16/24/32-bit, IEEE float 32/64-bit, G.711 A-law and µ-law (plain or WAVE_FORMAT_EXTENSIBLE)";

    /// <summary>Lowest sample rate accepted; below it no speech survives.</summary>
    public const int MinSampleRateHz = 1_000;

    /// <summary>Highest sample rate accepted (studio 384 kHz); above it a header is lying, and resampling from it would need huge filters.</summary>
    public const int MaxSampleRateHz = 384_000;

    /// <summary>Most channels accepted (each is decoded, resampled and recognised separately).</summary>
    public const int MaxChannels = 32;

    private const ushort ExtensibleTag = 0xFFFE;

    /// <summary>Parses a <c>fmt </c> chunk body; <paramref name="fail"/> builds the exception for a problem.</summary>
    public static WavFormat Parse(ReadOnlySpan<byte> body, Func<string, Exception> fail)
    {
        if (body.Length < 16)
            throw fail($"the 'fmt ' chunk is {body.Length} bytes, at least 16 are needed");
        ushort tag = BitConverter.ToUInt16(body[..2]);
        int channels = BitConverter.ToUInt16(body[2..4]);
        uint rate = BitConverter.ToUInt32(body[4..8]);
        int blockAlign = BitConverter.ToUInt16(body[12..14]);
        int bits = BitConverter.ToUInt16(body[14..16]);
        if (tag == ExtensibleTag)
        {
            if (body.Length < 40)
                throw fail($"WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is {body.Length} bytes, 40 are needed");
            tag = BitConverter.ToUInt16(body[24..26]);
        }

        var codec = tag switch
        {
            1 => WavCodec.Pcm,
            3 => WavCodec.IeeeFloat,
            6 => WavCodec.ALaw,
            7 => WavCodec.MuLaw,
            _ => throw fail($"unsupported WAV codec 0x{tag:X4} ({NameOf(tag)}); supported: {SupportedList}. " +
                            "Convert it with: ffmpeg -i in.wav -c:a pcm_s16le out.wav"),
        };
        if (channels is 0 or > MaxChannels)
            throw fail($"the 'fmt ' chunk declares {channels} channels; 1 to {MaxChannels} are supported");
        if (rate is < MinSampleRateHz or > MaxSampleRateHz)
            throw fail($"the 'fmt ' chunk declares a sample rate of {rate} Hz; {MinSampleRateHz} to {MaxSampleRateHz} Hz are supported");
        bool bitsOk = codec switch
        {
            WavCodec.Pcm => bits is 8 or 16 or 24 or 32,
            WavCodec.IeeeFloat => bits is 32 or 64,
            _ => bits == 8,
        };
        if (!bitsOk)
            throw fail($"unsupported {codec} sample size of {bits} bits; supported: {SupportedList}");
        int expectedAlign = channels * bits / 8;
        if (blockAlign != expectedAlign)
            throw fail($"block align is {blockAlign} bytes but {channels} channel(s) × {bits} bits need {expectedAlign}");
        return new WavFormat(codec, channels, (int)rate, bits, blockAlign);
    }

    private static string NameOf(ushort tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x0064 => "G.721 ADPCM",
        _ => "unknown",
    };
}
