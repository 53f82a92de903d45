using FunAsr.Ingest.Ledger;
using FunAsr.Ingest.Sources.Folder;
using FunAsr.Ingest.Tests.Support;
using Microsoft.Extensions.Logging;
using FunAsr.Ingest.Sources;

namespace FunAsr.Ingest.Tests.Sources.Folder;

/// <summary>Symlink loops in the inbox: one warning per file (not one per rescan), and links to folders are not walked.</summary>
public sealed class FolderSourceTests
{
    [Fact]
    public async Task A_link_loop_is_warned_about_once_until_it_changes_and_a_folder_loop_is_not_walked()
    {
        var root = SpeechFixtures.TempDirectory();
        var inbox = Path.Combine(root, "inbox");
        SpeechFixtures.Write(inbox, 1);
        var loop = Path.Combine(inbox, "loop.wav");
        File.CreateSymbolicLink(loop, loop);
        Directory.CreateDirectory(Path.Combine(inbox, "sub"));
        Directory.CreateSymbolicLink(Path.Combine(inbox, "sub", "up"), inbox);
        var loggers = new CollectingLoggers();
        var settings = TestSettings.For(root);
        using var services = new IngestServices(settings, loggers);
        var source = new FolderSource((FolderSourceOptions)settings.Sources[0], new SourceContext(settings.DataDir, loggers, TimeProvider.System));

        for (var scan = 0; scan < 3; scan++) await source.RunAsync(services.Intake, once: true, CancellationToken.None);
        var afterThreeScans = Warnings(loggers);
        File.Delete(loop);
        await source.RunAsync(services.Intake, once: true, CancellationToken.None);
        File.CreateSymbolicLink(loop, loop);
        await source.RunAsync(services.Intake, once: true, CancellationToken.None);

        Assert.Equal([loop], afterThreeScans);
        Assert.Equal([loop, loop], Warnings(loggers));
        Assert.Equal(1, services.Ledger.Counts().ByState[LedgerState.Queued]);
    }

    private static string[] Warnings(CollectingLoggers loggers) =>
        [.. loggers.Messages.Where(m => m.Level == LogLevel.Warning && m.Message.StartsWith("Could not read ", StringComparison.Ordinal))
            .Select(m => m.Message["Could not read ".Length..].Split(' ')[0])];
}
