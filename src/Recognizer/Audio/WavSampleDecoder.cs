using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Audio;

/// <summary>De-interleaves whole frames of WAV data into one float array per channel, scaled to [-1, 1].</summary>
internal static class WavSampleDecoder
{
    /// <summary>Decodes <paramref name="frames"/> frames of <paramref name="data"/> into <c>destination[c][offset..]</c>.</summary>
    public static void Decode(WavFormat format, ReadOnlySpan<byte> data, int frames, float[][] destination, int offset)
    {
        int channels = format.ChannelCount;
        for (int c = 0; c < channels; c++)
        {
            var output = destination[c].AsSpan(offset, frames);
            switch (format.Codec, format.BitsPerSample)
            {
                case (WavCodec.Pcm, 16):
                    DecodePcm16(MemoryMarshal.Cast<byte, short>(data[..(frames * format.BlockAlign)]), c, channels, output);
                    break;
                case (WavCodec.Pcm, 8):
                    for (int i = 0; i < frames; i++)
                        output[i] = (data[i * channels + c] - 128) / 128f;
                    break;
                case (WavCodec.Pcm, 24):
                    for (int i = 0, p = c * 3; i < frames; i++, p += format.BlockAlign)
                        output[i] = ((data[p] << 8 | data[p + 1] << 16 | data[p + 2] << 24) >> 8) / 8388608f;
                    break;
                case (WavCodec.Pcm, 32):
                    for (int i = 0, p = c * 4; i < frames; i++, p += format.BlockAlign)
                        output[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(data[p..]) / 2147483648.0);
                    break;
                case (WavCodec.IeeeFloat, 32):
                    for (int i = 0, p = c * 4; i < frames; i++, p += format.BlockAlign)
                        output[i] = BinaryPrimitives.ReadSingleLittleEndian(data[p..]);
                    break;
                case (WavCodec.IeeeFloat, 64):
                    for (int i = 0, p = c * 8; i < frames; i++, p += format.BlockAlign)
                        output[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(data[p..]);
                    break;
                case (WavCodec.MuLaw, _):
                    Expand(G711.MuLaw, data, c, channels, output);
                    break;
                case (WavCodec.ALaw, _):
                    Expand(G711.ALaw, data, c, channels, output);
                    break;
                default:
                    throw new InvalidOperationException($"WavFormat.Parse admitted {format.Codec}/{format.BitsPerSample}.");
            }
        }
    }

    private static void DecodePcm16(ReadOnlySpan<short> samples, int channel, int channels, Span<float> output)
    {
        const float scale = 1f / 32768f;
        if (channels == 1)
        {
            for (int i = 0; i < output.Length; i++)
                output[i] = samples[i] * scale;
            return;
        }

        for (int i = 0, p = channel; i < output.Length; i++, p += channels)
            output[i] = samples[p] * scale;
    }

    private static void Expand(float[] table, ReadOnlySpan<byte> data, int channel, int channels, Span<float> output)
    {
        for (int i = 0, p = channel; i < output.Length; i++, p += channels)
            output[i] = table[data[p]];
    }
}
