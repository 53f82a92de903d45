namespace FunAsr.Recognizer.Itn;

/// <summary>Reads the word lists embedded from <c>Itn/Data/*.tsv</c> and user lists from disk.</summary>
internal static class ItnData
{
    /// <summary>The rows of an embedded list: tab-separated columns, comments (#) and blank lines skipped.</summary>
    public static IReadOnlyList<string[]> Embedded(string fileName)
    {
        string resource = "FunAsr.Recognizer.Itn.Data." + fileName;
        using var stream = typeof(ItnData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded ITN list '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd().Split('\n')).Select(r => r.Columns).ToList();
    }

    /// <summary>The rows of a user list, each with its 1-based line number.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist; the message names the path and the setting.</exception>
    public static IReadOnlyList<(int Line, string[] Columns)> File(string path, string setting)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"ITN whitelist '{path}' (set by {setting}) does not exist.", path);
        }

        return Parse(System.IO.File.ReadAllLines(path)).ToList();
    }

    private static IEnumerable<(int Line, string[] Columns)> Parse(IEnumerable<string> lines)
    {
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            yield return (number, line.Split('\t'));
        }
    }
}
