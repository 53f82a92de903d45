namespace FunAsr.Recognizer.Audio;

/// <summary>
/// G.711 expansion tables (ITU-T G.711, as in Sun's g711.c used by sox and ffmpeg): one byte → linear sample in [-1, 1].
/// </summary>
internal static class G711
{
    /// <summary>µ-law byte → sample.</summary>
    public static readonly float[] MuLaw = Build(ExpandMuLaw);

    /// <summary>A-law byte → sample.</summary>
    public static readonly float[] ALaw = Build(ExpandALaw);

    private static float[] Build(Func<byte, int> expand)
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
            table[i] = expand((byte)i) / 32768f;
        return table;
    }

    private static int ExpandMuLaw(byte code)
    {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + 0x84;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? 0x84 - t : t - 0x84;
    }

    private static int ExpandALaw(byte code)
    {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        t = segment switch
        {
            0 => t + 8,
            1 => t + 0x108,
            _ => (t + 0x108) << (segment - 1),
        };
        return (a & 0x80) != 0 ? t : -t;
    }
}
