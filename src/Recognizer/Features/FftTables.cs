using System.Numerics;

namespace FunAsr.Recognizer.Features;

/// <summary>
/// The tables of a radix-2 FFT of a real frame of <c>N</c> samples packed as <c>N/2</c> complex points: the
/// bit-reversed order of the points, the twiddles of each stage (the stage with half-span h at [h-1, 2h-1):
/// exp(-2πi·j/(2h))) and those that unpack the <c>N/2+1</c> bins (exp(-2πi·k/N)).
/// </summary>
internal sealed record FftTables(int[] BitReversed, float[] StageCos, float[] StageSin, float[] UnpackCos, float[] UnpackSin)
{
    /// <summary>The tables for frames of <paramref name="size"/> samples (a power of two, at least 4).</summary>
    public static FftTables For(int size)
    {
        if (size < 4 || !BitOperations.IsPow2(size))
        {
            throw new ArgumentException($"FFT size {size} is not a power of two ≥ 4.", nameof(size));
        }

        var half = size / 2;
        var bits = BitOperations.Log2((uint)half);
        var bitReversed = new int[half];
        for (var i = 0; i < half; i++)
        {
            bitReversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        var stageCos = new float[half];
        var stageSin = new float[half];
        for (var h = 1; h < half; h *= 2)
        {
            for (var j = 0; j < h; j++)
            {
                stageCos[h - 1 + j] = (float)Math.Cos(-Math.PI * j / h);
                stageSin[h - 1 + j] = (float)Math.Sin(-Math.PI * j / h);
            }
        }

        var unpackCos = new float[half + 1];
        var unpackSin = new float[half + 1];
        for (var k = 0; k <= half; k++)
        {
            unpackCos[k] = (float)Math.Cos(-2 * Math.PI * k / size);
            unpackSin[k] = (float)Math.Sin(-2 * Math.PI * k / size);
        }

        return new FftTables(bitReversed, stageCos, stageSin, unpackCos, unpackSin);
    }

    private static uint ReverseBits(uint value)
    {
        value = (value >> 1 & 0x55555555) | (value & 0x55555555) << 1;
        value = (value >> 2 & 0x33333333) | (value & 0x33333333) << 2;
        value = (value >> 4 & 0x0F0F0F0F) | (value & 0x0F0F0F0F) << 4;
        value = (value >> 8 & 0x00FF00FF) | (value & 0x00FF00FF) << 8;
        return value >> 16 | value << 16;
    }
}
