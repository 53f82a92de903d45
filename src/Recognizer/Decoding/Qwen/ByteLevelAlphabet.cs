namespace FunAsr.Recognizer.Decoding.Qwen;

/// <summary>
/// GPT-2's byte-level alphabet (<c>bytes_to_unicode</c>), which Qwen's <c>vocab.json</c> is written in: printable
/// Latin-1 bytes stand for themselves, the other 68 bytes for the characters U+0100 onwards, in byte order.
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] s_charOfByte = BuildTable();
    private static readonly Dictionary<char, byte> s_byteOfChar = Enumerable.Range(0, 256).ToDictionary(b => s_charOfByte[b], b => (byte)b);

    /// <summary>The vocabulary character of <paramref name="value"/>.</summary>
    public static char CharOf(byte value) => s_charOfByte[value];

    /// <summary>The byte a vocabulary character stands for; false for characters outside the alphabet.</summary>
    public static bool TryByteOf(char symbol, out byte value) => s_byteOfChar.TryGetValue(symbol, out value);

    private static char[] BuildTable()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }
}
