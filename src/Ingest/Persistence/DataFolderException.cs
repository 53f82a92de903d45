namespace FunAsr.Ingest.Persistence;

/// <summary>The data folder cannot be taken: another host process holds it, or it cannot be created or written. The message names the folder (and the holder).</summary>
internal sealed class DataFolderException(string message) : Exception(message);
