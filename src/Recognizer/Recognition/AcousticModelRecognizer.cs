using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.Paraformer;

namespace FunAsr.Recognizer.Recognition;

/// <summary>
/// Runs an acoustic model over segments, packing segments of similar length into batches of at most
/// <paramref name="batchSize"/> items and <paramref name="maxBatchFrames"/> padded frames; padding is 0.0 (after
/// CMVN, as sherpa-onnx pads). On the CPU a batch also closes before its padded frames would exceed its segments'
/// own frames by more than <see cref="CpuMaxPaddingRatio"/>: a CPU computes every padded frame at full price, and
/// VAD segments of one call vary from one second to thirty. CTC logits are decoded by <paramref name="decoder"/>; a
/// Paraformer decodes its own CIF tokens, biased by the decoder's model hotwords.
/// </summary>
internal sealed class AcousticModelRecognizer(IAcousticModel model, UtteranceDecoder decoder, int languageId, int batchSize, int maxBatchFrames)
    : ISegmentRecognizer
{
    /// <summary>Padded frames over real frames a CPU batch may reach. With a SenseVoiceSmall-sized encoder, batches
    /// of 8 sorted VAD segments computed 1.68× their frames and cost a third of the defaults' CPU
    /// (bench/results/2026-12-07-real-size.md).</summary>
    private const double CpuMaxPaddingRatio = 1.25;

    private readonly double _maxPaddingRatio = model.Device == "cpu" ? CpuMaxPaddingRatio : double.PositiveInfinity;

    public IReadOnlyList<DecodedUtterance> Recognize(IReadOnlyList<float[]> features, CancellationToken ct)
    {
        var dim = model.Info.FeatureDim;
        var results = new DecodedUtterance[features.Count];
        var order = Enumerable.Range(0, features.Count).OrderBy(i => features[i].Length).ToArray();
        var batch = new List<int>();
        var batchFrames = 0;
        foreach (var index in order)
        {
            var frames = features[index].Length / dim;
            var padded = (batch.Count + 1) * frames;
            if (batch.Count > 0 && (batch.Count >= batchSize || padded > maxBatchFrames || padded > _maxPaddingRatio * (batchFrames + frames)))
            {
                RunBatch(batch, features, results, ct);
                batch.Clear();
                batchFrames = 0;
            }

            batch.Add(index);
            batchFrames += frames;
        }

        if (batch.Count > 0)
        {
            RunBatch(batch, features, results, ct);
        }

        return results;
    }

    private void RunBatch(List<int> batch, IReadOnlyList<float[]> features, DecodedUtterance[] results, CancellationToken ct)
    {
        BatchFillHistogram.Record(batch.Count, batchSize);
        var info = model.Info;
        var dim = info.FeatureDim;
        var frames = batch.Max(i => features[i].Length / dim);
        var padded = new float[batch.Count * frames * dim];
        var lengths = new int[batch.Count];
        for (var b = 0; b < batch.Count; b++)
        {
            var item = features[batch[b]];
            item.CopyTo(padded, b * frames * dim);
            lengths[b] = item.Length / dim;
        }

        var languages = Enumerable.Repeat(languageId, batch.Count).ToArray();
        var textNorms = Enumerable.Repeat(info.WithoutItnId, batch.Count).ToArray();
        var input = new FeatureBatch(padded, lengths, languages, textNorms, frames, dim);
        if (model is ParaformerModel paraformer)
        {
            var utterances = paraformer.Recognize(input, decoder.ModelHotwords, ct);
            for (var b = 0; b < batch.Count; b++)
            {
                results[batch[b]] = utterances[b];
            }

            return;
        }

        var logits = model.Run(input, ct);
        for (var b = 0; b < batch.Count; b++)
        {
            results[batch[b]] = decoder.Decode(logits.Item(b).Span, logits.VocabSize);
        }
    }
}
