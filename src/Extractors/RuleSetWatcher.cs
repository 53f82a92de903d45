using FunAsr.Extractors.Rules;

namespace FunAsr.Extractors;

/// <summary>
/// Hot reload: watches a rule directory and reloads the <see cref="RuleSet"/> when a file changes (debounced). A set
/// that fails to load is reported through <see cref="ReloadFailed"/> and the last good set stays
/// <see cref="Current"/>, so a bad edit never takes extraction down.
/// </summary>
public sealed class RuleSetWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;
    private readonly RuleLoadOptions _options;
    private readonly Lock _reloadLock = new();
    private volatile RuleSet _current;

    /// <summary>Loads <paramref name="directory"/> now (throws <see cref="RuleFileException"/> if it is bad) and starts watching.</summary>
    /// <param name="directory">The rule directory.</param>
    /// <param name="debounce">Quiet time after the last change before reloading. <value>Default 500 ms.</value></param>
    /// <param name="options">Load options for every reload.</param>
    public RuleSetWatcher(string directory, TimeSpan? debounce = null, RuleLoadOptions? options = null)
    {
        _options = options ?? RuleLoadOptions.Default;
        _current = RuleSet.Load(directory, _options);
        Debounce = debounce ?? TimeSpan.FromMilliseconds(500);
        _debounce = new Timer(_ => Reload());
        _watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        _watcher.Changed += OnChange;
        _watcher.Created += OnChange;
        _watcher.Deleted += OnChange;
        _watcher.Renamed += OnChange;
    }

    /// <summary>Raised after a new rule set loaded.</summary>
    public event Action<RuleSet>? Reloaded;

    /// <summary>Raised when a changed directory failed to load; <see cref="Current"/> is unchanged.</summary>
    public event Action<RuleFileException>? ReloadFailed;

    /// <summary>The last rule set that loaded successfully.</summary>
    public RuleSet Current => _current;

    /// <summary>Quiet time after the last change before reloading.</summary>
    public TimeSpan Debounce { get; }

    /// <summary>Reloads now; returns whether the directory loaded (else the last good set stays current).</summary>
    public bool Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                var next = RuleSet.Load(_current.Directory, _options);
                if (next.Version == _current.Version)
                {
                    return true;
                }
                _current = next;
                Reloaded?.Invoke(next);
                return true;
            }
            catch (RuleFileException e)
            {
                ReloadFailed?.Invoke(e);
                return false;
            }
        }
    }

    /// <summary>Stops watching.</summary>
    public void Dispose()
    {
        _watcher.Dispose();
        _debounce.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e) => _debounce.Change(Debounce, Timeout.InfiniteTimeSpan);
}
