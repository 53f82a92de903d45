namespace FunAsr.Tests.Support;

/// <summary>
/// The allowed folder dependencies, read from the markdown table under <c>## Folder dependencies</c> in
/// <c>docs/ARCHITECTURE.md</c>: rows <c>| Project | Folder | May use |</c>, the last cell a comma-separated list of
/// folders of the same project (<c>—</c> for none). A folder is the first namespace segment under
/// <c>FunAsr.&lt;Project&gt;</c>. The project's root namespace holds two kinds of type: the facade (<c>(root)</c>:
/// root types that use a folder, such as <c>Transcriber</c>) and the contracts (<c>(contracts)</c>: root types that use
/// no folder, such as options, results and exceptions), so folders may share the contracts without a cycle.
/// </summary>
internal sealed class FolderDependencyTable
{
    public const string Root = "(root)";

    public const string Contracts = "(contracts)";

    private readonly Dictionary<(string Project, string Folder), HashSet<string>> _allowed;

    private FolderDependencyTable(Dictionary<(string, string), HashSet<string>> allowed) => _allowed = allowed;

    public static FolderDependencyTable Load(string markdownPath)
    {
        var lines = File.ReadAllLines(markdownPath);
        var start = Array.FindIndex(lines, l => l.Trim() == "## Folder dependencies");
        if (start < 0) throw new FormatException($"{markdownPath}: no '## Folder dependencies' section");
        var allowed = new Dictionary<(string, string), HashSet<string>>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            var cells = lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (!lines[i].TrimStart().StartsWith('|') || cells.Length != 3 || cells[0] == "Project" || cells[0].StartsWith("---", StringComparison.Ordinal))
                continue;
            var uses = cells[2] is "—" or "-" or "" ? [] : cells[2].Split(',').Select(c => c.Trim().Trim('`'));
            if (!allowed.TryAdd((cells[0], cells[1]), [.. uses]))
                throw new FormatException($"{markdownPath}:{i + 1}: a second row for {cells[0]} {cells[1]}");
        }
        return new FolderDependencyTable(allowed);
    }

    /// <summary>A cycle among the allowed dependencies of <paramref name="project"/> (<c>A -> B -> A</c>), or null when there is none.</summary>
    public string? Cycle(string project)
    {
        var state = new Dictionary<string, bool>();
        var path = new List<string>();
        string? Visit(string folder)
        {
            if (state.TryGetValue(folder, out var done))
                return done ? null : string.Join(" -> ", path.Skip(path.IndexOf(folder)).Append(folder));
            state[folder] = false;
            path.Add(folder);
            foreach (var next in _allowed.GetValueOrDefault((project, folder)) ?? [])
                if (next != folder && Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[folder] = true;
            return null;
        }
        return _allowed.Keys.Where(k => k.Project == project).Select(k => Visit(k.Folder)).FirstOrDefault(c => c is not null);
    }

    public bool Knows(string project, string folder) => _allowed.ContainsKey((project, folder));

    public bool Allows(string project, string from, string to) =>
        from == to || (_allowed.TryGetValue((project, from), out var uses) && uses.Contains(to));

    /// <summary>The folder of a namespace inside <c>FunAsr.&lt;project&gt;</c>, or null for a namespace outside it.</summary>
    public static string? FolderOf(string project, string ns)
    {
        var root = $"FunAsr.{project}";
        if (ns == root) return Root;
        return ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..].Split('.')[0] : null;
    }
}
