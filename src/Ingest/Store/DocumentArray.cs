namespace FunAsr.Ingest.Store;

/// <summary>The JSON export of stored documents (an array of them), shared by <c>export --format json</c> and the web page.</summary>
internal static class DocumentArray
{
    /// <summary>Writes the documents as one JSON array, each document as stored; returns the count.</summary>
    public static int Write(TextWriter writer, IEnumerable<string> documents)
    {
        var count = 0;
        writer.Write('[');
        foreach (var doc in documents)
        {
            writer.Write(count++ == 0 ? "\n" : ",\n");
            writer.Write(doc);
        }
        writer.Write("\n]\n");
        return count;
    }
}
