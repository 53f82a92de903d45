using FunAsr.Extractors;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FunAsr.Ingest.Tests.Pipeline;

/// <summary>
/// The host's rule pack follows edits while it runs: a good edit is used for the next recording, a bad one is logged
/// with its file:line:col and the previous rules stay in use.
/// </summary>
public sealed class RulePackTests
{
    [Fact]
    public async Task An_edited_rule_file_is_reloaded_and_a_broken_edit_keeps_the_previous_rules()
    {
        var root = SpeechFixtures.TempDirectory();
        var rules = Directory.CreateDirectory(Path.Combine(root, "rules")).FullName;
        var file = Path.Combine(rules, "r.yaml");
        File.WriteAllText(file, "rules:\n  - id: number\n    match: \"%{INT:n}\"\n");
        var settings = TestSettings.For(root);
        settings.Rules.Directory = rules;
        var loggers = new CollectingLoggers();
        using var services = new IngestServices(settings, loggers);
        var first = services.Rules.Current.Version;
        Assert.Equal("n", Fields(services, "call 42").Single());

        File.WriteAllText(file, "rules:\n  - id: word\n    match: \"%{WORD:w}\"\n");
        await UntilAsync(() => services.Rules.Current.Version != first);

        Assert.Equal(["w"], Fields(services, "call 42"));
        var reloaded = services.Rules.Current;
        File.WriteAllText(file, "rules:\n  - id: word\n    match: \"%{NOPE:w}\"\n");
        await UntilAsync(() => loggers.Messages.Any(m => m.Level == LogLevel.Error));

        Assert.Same(reloaded, services.Rules.Current);
        Assert.Contains($"{file}:3:", loggers.Messages.Single(m => m.Level == LogLevel.Error).Message);
        Assert.Equal(["w"], Fields(services, "call 42"));
    }

    private static string[] Fields(IngestServices services, string text) =>
        [.. services.Extractor!.Extract(new ExtractionInput(text)).Fields.Select(f => f.Name)];

    /// <summary>Waits for the file watcher's reload (debounced); fails after a minute rather than hanging.</summary>
    private static async Task UntilAsync(Func<bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!done()) await Task.Delay(50, timeout.Token);
    }
}
