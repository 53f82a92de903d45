using System.Buffers.Binary;

namespace FunAsr.Recognizer.Tests.Audio;

/// <summary>Builds WAV files byte by byte, for the header cases sox will not write (odd chunks, bad sizes, sparse data).</summary>
internal static class WavBytes
{
    public static byte[] Fmt(ushort tag, ushort channels, int rate, ushort bits)
    {
        var body = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), channels);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(4), rate);
        BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(8), rate * channels * bits / 8);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), (ushort)(channels * bits / 8));
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), bits);
        return body;
    }

    public static byte[] Pcm16(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        return bytes;
    }

    /// <summary>A chunk with its pad byte; <paramref name="declaredSize"/> overrides the size field (to fake streaming or lying headers).</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null)
    {
        var chunk = new byte[8 + body.Length + (body.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), declaredSize ?? (uint)body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WAVE"u8, .. chunks.SelectMany(c => c)];
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteInt32LittleEndian(riff.AsSpan(4), body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }
}
