using System.IO.Enumeration;

namespace FunAsr.Ingest.Sources.Folder;

/// <summary>
/// Watches an inbox folder (file-system events plus a periodic rescan as a backstop) and offers each file once
/// it is complete: not modified for <see cref="FolderSourceOptions.StableSeconds"/>. Files ending in <c>.part</c>,
/// hidden files and other extensions are skipped, so writers can write <c>x.wav.part</c> and rename it. A file that
/// cannot be read (a link loop, no permission) is warned about once, not on every scan.
/// </summary>
internal sealed class FolderSource(FolderSourceOptions options, ComponentContext context) : ISource
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<FolderSource>();
    private readonly HashSet<string> _extensions = new(options.Extensions, StringComparer.OrdinalIgnoreCase);

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
            var settleIn = Scan(intake, stable);
            if (once && settleIn is null) return;
            var wait = settleIn ?? TimeSpan.FromSeconds(options.RescanSeconds);
            if (!once && wait > TimeSpan.FromSeconds(options.RescanSeconds)) wait = TimeSpan.FromSeconds(options.RescanSeconds);
            // A burst of events wakes the loop once; the scan picks up everything.
            await changed.WaitAsync(wait + TimeSpan.FromMilliseconds(50), ct);
            while (changed.CurrentCount > 0) await changed.WaitAsync(ct);
        }
    }

    /// <summary>Offers every complete file; returns how long until the youngest incomplete one may be complete.</summary>
    private TimeSpan? Scan(RecordingIntake intake, TimeSpan stable)
    {
        TimeSpan? settleIn = null;
        var stillUnreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in InboxFiles())
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith('.') || !_extensions.Contains(Path.GetExtension(name))) continue;
            try
            {
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(path);
                if (age < stable)
                {
                    var left = stable - age;
                    settleIn = settleIn is { } s && s < left ? s : left;
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
