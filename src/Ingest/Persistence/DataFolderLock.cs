using System.Globalization;

namespace FunAsr.Ingest.Persistence;

/// <summary>
/// One host per data folder: an exclusive lock on <c>host.lock</c> in the folder (an advisory <c>flock</c> on Linux,
/// released by the kernel when the process dies, however it dies), and <c>host.owner</c> beside it naming the holder
/// so a second host can say who has the folder.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _lock;

    private DataFolderLock(FileStream lockFile) => _lock = lockFile;

    /// <exception cref="DataFolderException">Another process holds the folder, or it cannot be written.</exception>
    public static DataFolderLock Acquire(string dataDir)
    {
        var folder = Path.GetFullPath(dataDir);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataFolderException(folder, ex);
        }
        var ownerPath = Path.Combine(folder, "host.owner");
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(folder, "host.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DataFolderException(folder, ex);
        }
        catch (IOException)
        {
            var owner = File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "another process";
            throw new DataFolderException(
                $"the data folder {folder} is in use by {owner}; stop that host first, or give this one its own data_dir");
        }
        var commandLine = string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
        File.WriteAllText(ownerPath, string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on {Environment.MachineName} (funasr-pipeline {commandLine}) since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z\n"));
        return new DataFolderLock(lockFile);
    }

    public void Dispose() => _lock.Dispose();
}
