namespace FunAsr.Ingest.Persistence;

/// <summary>
/// The data folder cannot be used: it cannot be created or written (the message says how to choose another), or
/// another host process holds it (the message names that process).
/// </summary>
internal sealed class DataFolderException : Exception
{
    public DataFolderException(string folder, Exception cause)
        : base($"data folder {folder} is not writable ({cause.Message}); point data_dir (or FUNASR_DATA_DIR, or the sqlite sink's path) at a folder this user can write", cause)
    {
    }

    public DataFolderException(string message) : base(message)
    {
    }
}
