namespace FunAsr.Recognizer.Decoding;

/// <summary>
/// The n-gram ids of an <see cref="NgramLanguageModel"/> by (context n-gram id, word id): an open-addressing table of
/// packed 64-bit keys with linear probing. The beam search asks it on every token it tries (and again for each
/// backoff step); a <c>Dictionary</c> keyed by a tuple spent most of that time hashing the tuple and calling its
/// comparer. Add-only; readers may share it once it is built.
/// </summary>
internal sealed class NgramIndex
{
    private const long Empty = -1;
    private long[] _keys;
    private int[] _ids;
    private int _shift;

    /// <param name="capacity">How many entries to make room for before the table first grows.</param>
    public NgramIndex(int capacity = 16)
    {
        var size = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity) * 2));
        (_keys, _ids, _shift) = Allocate(size);
    }

    public int Count { get; private set; }

    /// <summary>Adds the id of <paramref name="word"/> after <paramref name="context"/>; false when that pair is there already.</summary>
    public bool TryAdd(int context, int word, int id)
    {
        if ((Count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        var key = Key(context, word);
        var slot = Find(_keys, _shift, key);
        if (_keys[slot] == key)
        {
            return false;
        }

        _keys[slot] = key;
        _ids[slot] = id;
        Count++;
        return true;
    }

    public bool TryGet(int context, int word, out int id)
    {
        var key = Key(context, word);
        var slot = Find(_keys, _shift, key);
        id = _ids[slot];
        return _keys[slot] == key;
    }

    public bool Contains(int context, int word) => TryGet(context, word, out _);

    private static long Key(int context, int word) => ((long)context << 32) | (uint)word;

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go.</summary>
    private static int Find(long[] keys, int shift, long key)
    {
        var mask = keys.Length - 1;
        var slot = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> shift);
        while (keys[slot] != key && keys[slot] != Empty)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private static (long[] Keys, int[] Ids, int Shift) Allocate(int size)
    {
        var keys = new long[size];
        Array.Fill(keys, Empty);
        return (keys, new int[size], 64 - System.Numerics.BitOperations.Log2((uint)size));
    }

    private void Grow()
    {
        var (keys, ids, shift) = Allocate(_keys.Length * 2);
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] != Empty)
            {
                var slot = Find(keys, shift, _keys[i]);
                keys[slot] = _keys[i];
                ids[slot] = _ids[i];
            }
        }

        (_keys, _ids, _shift) = (keys, ids, shift);
    }
}
