namespace FunAsr.Ingest.Configuration;

/// <summary>What a <c>run</c> process does: everything in one process, or one side of a RabbitMQ cluster.</summary>
internal enum ClusterRole
{
    /// <summary>Sources, transcription and sinks in one process, joined by in-process channels (no broker).</summary>
    AllInOne,

    /// <summary>Sources → ledger → a job per recording on the broker; writes the workers' status messages to its ledger.</summary>
    Intake,

    /// <summary>Jobs from the broker → transcribe → extract → sinks → ack.</summary>
    Worker,
}
