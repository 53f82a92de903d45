namespace FunAsr.Ingest.Sinks.Elasticsearch.Bulk;

/// <summary>How a bulk item is written (Elasticsearch's <c>op_type</c>).</summary>
internal enum BulkAction
{
    /// <summary>Add or replace the document with this <c>_id</c> (re-processing a recording overwrites it).</summary>
    Index,

    /// <summary>Add the document only if the <c>_id</c> is new; a 409 answer means it is already there.</summary>
    Create,
}

/// <summary>One bulk item: action, target index, document id and the document as single-line UTF-8 JSON.</summary>
internal sealed record BulkOperation(BulkAction Action, string Index, string Id, byte[] Source)
{
    /// <summary>The action name as Elasticsearch spells it in the action line and the response item.</summary>
    public string ActionName => Action == BulkAction.Index ? "index" : "create";
}
