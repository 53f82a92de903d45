namespace FunAsr.Ingest.Persistence;

/// <summary>A database file's folder cannot be created or written; the message names the folder and how to choose another.</summary>
public sealed class DataFolderException(string folder, Exception cause)
    : Exception($"data folder {folder} is not writable ({cause.Message}); point data_dir (or FUNASR_DATA_DIR, or the sqlite sink's path) at a folder this user can write", cause)
{
    /// <summary>The folder that could not be written.</summary>
    public string Folder { get; } = folder;
}
