namespace FunAsr.Recognizer.Models;

/// <summary>
/// An acoustic model family adapter (one per <c>model_type</c>, registered in <see cref="ModelCatalog"/>): features in,
/// CTC logits out. Implementations are thread-safe.
/// </summary>
internal interface IAcousticModel : IDisposable
{
    /// <summary>Front-end settings, vocabulary size, prompt ids.</summary>
    ModelInfo Info { get; }

    /// <summary>The device that runs: <c>cpu</c> or <c>cuda:N</c>.</summary>
    string Device { get; }

    /// <summary>Batches that failed on the GPU and were re-run on CPU.</summary>
    int CpuFallbacks { get; }

    /// <summary>Runs one padded batch. Input [N, T, 560] → output [N, T + 4, vocab] (see <see cref="LogitsBatch"/>).</summary>
    LogitsBatch Run(FeatureBatch features, CancellationToken ct = default);
}
