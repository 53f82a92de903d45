using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Architecture;

/// <summary>
/// Every type of the three projects uses only the folders the table in docs/ARCHITECTURE.md allows (base types,
/// fields, properties, signatures, locals and the types and members named in IL). A failure names the type, the
/// edge and where the reference is. Root-namespace types that use no folder count as the project's contracts.
/// </summary>
public sealed class FolderDependencyTests
{
    public static TheoryData<string> Projects => ["Ingest", "Extractors", "Recognizer"];

    [Theory]
    [MemberData(nameof(Projects))]
    public void The_architecture_table_has_no_cycle(string project) =>
        Assert.Null(FolderDependencyTable.Load(RepoPaths.Of("docs", "ARCHITECTURE.md")).Cycle(project));

    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_use_only_the_folders_the_architecture_table_allows(string project)
    {
        var table = FolderDependencyTable.Load(RepoPaths.Of("docs", "ARCHITECTURE.md"));
        var assembly = project switch
        {
            "Ingest" => typeof(FunAsr.Ingest.Records.RecordingDocument).Assembly,
            "Extractors" => typeof(FunAsr.Extractors.ExtractedField).Assembly,
            _ => typeof(FunAsr.Recognizer.Transcript).Assembly,
        };

        var inProject = TypeReferenceReader.Read(assembly.Location)
            .Select(r => (Ref: r, From: FolderDependencyTable.FolderOf(project, r.FromNamespace), To: FolderDependencyTable.FolderOf(project, r.ToNamespace)))
            .Where(r => r.From is not null && r.To is not null)
            .ToList();
        var facade = inProject.Where(r => r.From == FolderDependencyTable.Root && r.To != FolderDependencyTable.Root)
            .Select(r => r.Ref.FromType).ToHashSet();
        string Classify(string folder, string type) =>
            folder == FolderDependencyTable.Root && !facade.Contains(type) ? FolderDependencyTable.Contracts : folder;
        var references = inProject.Select(r => (r.Ref, From: Classify(r.From!, r.Ref.FromType), To: Classify(r.To!, r.Ref.ToType))).ToList();
        var unknown = references.SelectMany(r => new[] { r.From!, r.To! }).Distinct()
            .Where(f => !table.Knows(project, f)).Order()
            .Select(f => $"{project} folder {f} has no row in docs/ARCHITECTURE.md");
        var broken = references.Where(r => !table.Allows(project, r.From!, r.To!))
            .GroupBy(r => (r.From, r.To, r.Ref.FromType, r.Ref.ToType))
            .Select(g => $"{g.Key.From} -> {g.Key.To}: {g.Key.FromType} uses {g.Key.ToType} ({g.First().Ref.Via})")
            .Order();

        var problems = unknown.Concat(broken).ToList();
        Assert.True(problems.Count == 0, $"{project}: {problems.Count} folder dependencies not allowed by docs/ARCHITECTURE.md:\n" + string.Join("\n", problems));
    }
}
