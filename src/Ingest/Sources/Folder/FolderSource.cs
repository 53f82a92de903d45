using System.IO.Enumeration;
using FunAsr.Recognizer;
using FunAsr.Ingest.Sources;

namespace FunAsr.Ingest.Sources.Folder;

/// <summary>
/// Watches an inbox folder (file-system events plus a periodic rescan as a backstop) and offers each file once
/// it is complete: not modified for <see cref="FolderSourceOptions.StableSeconds"/> and, as far as its container
/// tells (<see cref="RecordingCompleteness"/>), finished; a file still incomplete after
/// <see cref="FolderSourceOptions.IncompleteTimeoutSeconds"/> is taken anyway (its recorder died). Files ending in
/// <c>.part</c>, hidden files and other extensions are skipped, so writers can write <c>x.wav.part</c> and rename it.
/// A file that changes after it was taken is offered again as a new revision of the same recording. A file that
/// cannot be read (a link loop, no permission) is warned about once, not on every scan.
/// </summary>
internal sealed class FolderSource(FolderSourceOptions options, SourceContext context) : ISource
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<FolderSource>();
    private readonly HashSet<string> _extensions = new(options.Extensions, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTime> _reportedIncomplete = new(StringComparer.Ordinal);

    /// <summary>Files that could not be read, with the reason last warned about: each is warned about once, not every scan.</summary>
    private readonly Dictionary<string, string> _unreadable = new(StringComparer.Ordinal);

    public string Id => "folder";

    public string Root { get; } = Path.GetFullPath(options.Path);

    public async Task RunAsync(RecordingIntake intake, bool once, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var stable = TimeSpan.FromSeconds(options.StableSeconds);
        using var changed = new SemaphoreSlim(0);
        using var watcher = once ? null : Watch(changed);
        while (!ct.IsCancellationRequested)
        {
            var settleIn = Scan(intake, stable, checkComplete: !once);
            if (once && settleIn is null) return;
            var wait = settleIn ?? TimeSpan.FromSeconds(options.RescanSeconds);
            if (!once && wait > TimeSpan.FromSeconds(options.RescanSeconds)) wait = TimeSpan.FromSeconds(options.RescanSeconds);
            // A burst of events wakes the loop once; the scan picks up everything.
            await changed.WaitAsync(wait + TimeSpan.FromMilliseconds(50), ct);
            while (changed.CurrentCount > 0) await changed.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Offers every complete file; returns how long until the youngest incomplete one may be complete. A one-off run
    /// (<c>--once</c>) takes what is there as it is, without asking the container: nobody is still writing it.
    /// </summary>
    private TimeSpan? Scan(RecordingIntake intake, TimeSpan stable, bool checkComplete)
    {
        TimeSpan? settleIn = null;
        var stillUnreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in InboxFiles())
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || !_extensions.Contains(Path.GetExtension(name))) continue;
            try
            {
                var modified = File.GetLastWriteTimeUtc(path);
                var age = DateTime.UtcNow - modified;
                if (age < stable)
                {
                    settleIn = Sooner(settleIn, stable - age);
                    continue;
                }
                if (intake.IsKnownVersion(path)) continue;
                if (checkComplete && WhyStillIncomplete(path, modified, age) is { } recheckIn)
                {
                    settleIn = Sooner(settleIn, recheckIn);
                    continue;
                }
                intake.Offer(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stillUnreadable.Add(path);
                if (_unreadable.GetValueOrDefault(path) != ex.Message)
                    _logger.LogWarning("Could not read {Path} from inbox {Inbox}; it is retried on every scan, and warned about again only if the reason changes: {Reason}.",
                        path, Root, ex.Message);
                _unreadable[path] = ex.Message;
            }
        }
        // A file that was fixed, replaced or removed is forgotten, so a new problem with it is warned about again.
        foreach (var path in _unreadable.Keys.Where(p => !stillUnreadable.Contains(p)).ToList()) _unreadable.Remove(path);
        return settleIn;
    }

    /// <summary>
    /// Null when the file may be taken; else when to look again. Each incomplete version of a file is logged once.
    /// </summary>
    private TimeSpan? WhyStillIncomplete(string path, DateTime modified, TimeSpan age)
    {
        var why = RecordingCompleteness.WhyIncomplete(path);
        var timeout = TimeSpan.FromSeconds(options.IncompleteTimeoutSeconds);
        if (why is null || age >= timeout)
        {
            if (why is not null)
                _logger.LogWarning("Taking {Path} although it looks incomplete ({Reason}): it has not changed for {Age:F0} s.", path, why, age.TotalSeconds);
            _reportedIncomplete.Remove(path);
            return null;
        }
        if (!_reportedIncomplete.TryGetValue(path, out var reported) || reported != modified)
        {
            _reportedIncomplete[path] = modified;
            _logger.LogInformation("Waiting for {Path} to be finished ({Reason}); taken anyway after {Timeout:F0} s without change.", path, why, timeout.TotalSeconds);
        }
        return TimeSpan.FromSeconds(Math.Max(options.StableSeconds, 1));
    }

    private static TimeSpan Sooner(TimeSpan? current, TimeSpan candidate) => current is { } c && c < candidate ? c : candidate;

    /// <summary>
    /// Every file under the inbox, descending into sub-folders when recursive but never through a link to a folder:
    /// a link back up the tree would be walked again and again, once per level, until the path is too long.
    /// </summary>
    private FileSystemEnumerable<string> InboxFiles() =>
        new(Root, (ref FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = options.Recursive })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };

    private FileSystemWatcher Watch(SemaphoreSlim changed)
    {
        var watcher = new FileSystemWatcher(Root) { IncludeSubdirectories = options.Recursive };
        void Wake(object? sender, FileSystemEventArgs e) => changed.Release();
        watcher.Created += Wake;
        watcher.Changed += Wake;
        watcher.Renamed += (s, e) => Wake(s, e);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
