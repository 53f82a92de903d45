using FunAsr.Extractors;
using FunAsr.Extractors.Rules;
using FunAsr.Ingest.Cli;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// Which extractor each <c>extract</c> worker runs: its own copy of a pack of few expressions (so two workers never
/// match the same regex at once), the one shared extractor for a large pack, and the shared one when the directory no
/// longer holds the rules loaded at start-up.
/// </summary>
public sealed class WorkerExtractorsTests : IDisposable
{
    private const string SyslogLine = "Dec  7 10:00:01 pbx-1 asterisk[2211]: NOTICE chan_sip.c: Registration from '<sip:1001@10.0.0.5>' failed";

    private readonly string _rules = Directory.CreateTempSubdirectory("funasr-worker-extractors-").FullName;

    public WorkerExtractorsTests() =>
        File.Copy(RepoPaths.Of("bench", "extract", "syslog", "syslog.yaml"), Path.Combine(_rules, "syslog.yaml"));

    public void Dispose() => Directory.Delete(_rules, recursive: true);

    [Fact]
    public void A_pack_of_few_expressions_gives_every_worker_after_the_first_its_own_copy_of_the_same_rules()
    {
        var extractors = new WorkerExtractors(_rules, RuleLoadOptions.Default);

        var first = extractors.Next();
        var second = extractors.Next();
        var third = extractors.Next();

        Assert.Same(extractors.Shared, first);
        Assert.NotSame(extractors.Shared, second);
        Assert.NotSame(second, third);
        Assert.NotSame(extractors.Shared.Rules.Rules[0], second.Rules.Rules[0]);
        Assert.Equal(extractors.Shared.Rules.Version, second.Rules.Version);
        Assert.Equal(Fields(extractors.Shared), Fields(second));
        Assert.Contains("program=asterisk", Fields(second));
    }

    [Fact]
    public void The_full_rule_pack_is_shared_by_every_worker()
    {
        var extractors = new WorkerExtractors(RepoPaths.Of("rules"), RuleLoadOptions.Default);

        Assert.All(Enumerable.Range(0, 3).Select(_ => extractors.Next()), e => Assert.Same(extractors.Shared, e));
    }

    [Fact]
    public void Rules_edited_or_removed_after_start_up_leave_every_worker_on_the_rules_loaded_first()
    {
        var extractors = new WorkerExtractors(_rules, RuleLoadOptions.Default);
        extractors.Next();

        File.AppendAllText(Path.Combine(_rules, "syslog.yaml"), "      - text: \"Dec  7 10:00:02 pbx-2 cron[1]: tick\"\n");
        var afterEdit = extractors.Next();
        File.WriteAllText(Path.Combine(_rules, "syslog.yaml"), "rules: [");
        var afterBreak = extractors.Next();

        Assert.Same(extractors.Shared, afterEdit);
        Assert.Same(extractors.Shared, afterBreak);
    }

    private static List<string> Fields(Extractor extractor) =>
        [.. extractor.Extract(new ExtractionInput(SyslogLine)).Fields.Select(f => $"{f.Name}={f.Value}")];
}
