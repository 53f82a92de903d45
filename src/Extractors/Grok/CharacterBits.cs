namespace FunAsr.Extractors.Grok;

/// <summary>
/// Which characters a text holds, as bits: ASCII ones exactly, others folded into 1,024 bits. A literal string can be
/// in the text only if its first character's bit is set, so a set of strings whose first characters all have clear
/// bits is absent without a search. Exact characters only: a case-insensitive search finds other characters too.
/// </summary>
internal static class CharacterBits
{
    /// <summary>The words of a text's bits, plus one that marks them filled.</summary>
    public const int Words = 2 + 16 + 1;

    private const int Filled = Words - 1;

    /// <summary>Sets the bit of every character of <paramref name="text"/> in <paramref name="bits"/> (zeroed,
    /// <see cref="Words"/> long) unless done already; returns <paramref name="bits"/>.</summary>
    public static Span<ulong> FillOnce(ReadOnlySpan<char> text, Span<ulong> bits)
    {
        if (bits[Filled] != 0)
        {
            return bits;
        }
        foreach (var c in text)
        {
            var bit = Bit(c);
            bits[bit >> 6] |= 1UL << (bit & 63);
        }
        bits[Filled] = 1;
        return bits;
    }

    /// <summary>The (word, mask) pairs of the bits of <paramref name="characters"/>, for <see cref="AnySet"/>.</summary>
    public static (int Word, ulong Mask)[] Masks(IEnumerable<char> characters) => characters
        .Select(Bit)
        .GroupBy(bit => bit >> 6)
        .Select(g => (g.Key, g.Aggregate(0UL, (mask, bit) => mask | 1UL << (bit & 63))))
        .ToArray();

    /// <summary>Whether <paramref name="bits"/> has one of the bits of <paramref name="masks"/>.</summary>
    public static bool AnySet(ReadOnlySpan<ulong> bits, (int Word, ulong Mask)[] masks)
    {
        foreach (var (word, mask) in masks)
        {
            if ((bits[word] & mask) != 0)
            {
                return true;
            }
        }
        return false;
    }

    private static int Bit(char c) => c < 128 ? c : 128 + (c & 1023);
}
