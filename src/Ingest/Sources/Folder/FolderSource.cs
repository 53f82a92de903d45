namespace FunAsr.Ingest.Sources.Folder;

/// <summary>
/// Watches an inbox folder (file-system events plus a periodic rescan as a backstop) and offers each file once
/// it is complete: not modified for <see cref="FolderSourceOptions.StableSeconds"/>. Files ending in <c>.part</c>,
/// hidden files and other extensions are skipped, so writers can write <c>x.wav.part</c> and rename it.
/// </summary>
internal sealed class FolderSource(FolderSourceOptions options, ComponentContext context) : ISource
{
    private readonly ILogger _logger = context.Loggers.CreateLogger<FolderSource>();
    private readonly HashSet<string> _extensions = new(options.Extensions, StringComparer.OrdinalIgnoreCase);

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
        var search = options.Recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly;
        foreach (var path in Directory.EnumerateFiles(Root, "*", search))
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
            catch (IOException ex)
            {
                _logger.LogWarning("Could not read {Path} from inbox {Inbox}; it is retried on the next scan: {Reason}.", path, Root, ex.Message);
            }
            catch (UnauthorizedAccessException ex)
            {
                _logger.LogWarning("No permission to read {Path} from inbox {Inbox}; it is retried on the next scan: {Reason}.", path, Root, ex.Message);
            }
        }
        return settleIn;
    }

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
