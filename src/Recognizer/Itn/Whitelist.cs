namespace FunAsr.Recognizer.Itn;

/// <summary>
/// Phrases that are never treated as numbers (一下, 万一, idioms) or that have a fixed written form: the built-in
/// <c>Data/zh_whitelist.tsv</c> plus the user's file (<see cref="ItnOptions.WhitelistPath"/>).
/// </summary>
internal sealed class Whitelist
{
    private readonly Dictionary<string, string?> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _longest;

    public Whitelist(ItnOptions options)
    {
        foreach (var columns in ItnData.Embedded("zh_whitelist.tsv"))
        {
            Add(columns);
        }

        if (options.WhitelistPath is { } path)
        {
            foreach (var (line, columns) in ItnData.File(path, nameof(ItnOptions.WhitelistPath)))
            {
                if (columns.Length > 2 || columns[0].Length == 0)
                {
                    throw new FormatException(
                        $"{path}:{line}: expected 'word' or 'spoken<TAB>written', found {columns.Length} columns.");
                }

                Add(columns);
            }
        }

        _longest = _entries.Keys.Max(k => k.Length);
    }

    /// <summary>The longest entry starting at <paramref name="start"/>: its length and its written form (null = as said).</summary>
    public (int Length, string? Written)? Match(string text, int start)
    {
        for (int length = Math.Min(_longest, text.Length - start); length > 0; length--)
        {
            if (_entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text.AsSpan(start, length), out var written))
            {
                return (length, written);
            }
        }

        return null;
    }

    private void Add(string[] columns) => _entries[columns[0]] = columns.Length > 1 ? columns[1] : null;
}
