namespace FunAsr.Recognizer.Itn.English;

/// <summary>A table of multi-word English phrases (units, currencies, abbreviations) matched longest first.</summary>
internal sealed class PhraseTable
{
    private readonly Dictionary<string, string[]> _rows = new();
    private readonly int _longest;

    public PhraseTable(string fileName)
    {
        foreach (var columns in ItnData.Embedded(fileName))
        {
            _rows[columns[0]] = columns;
        }

        _longest = _rows.Keys.Max(k => k.Split(' ').Length);
    }

    /// <summary>The longest phrase at token <paramref name="i"/>: its token count and its row (the spoken form first).</summary>
    public (int Count, string[] Row)? Match(Token[] t, int i)
    {
        for (int n = Math.Min(_longest, t.Length - i); n > 0; n--)
        {
            string phrase = string.Join(' ', t.Skip(i).Take(n).Select(x => x.Lower));
            if (_rows.TryGetValue(phrase, out var row))
            {
                return (n, row);
            }
        }

        return null;
    }
}
