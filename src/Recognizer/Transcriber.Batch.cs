using FunAsr.Recognizer.Decoding;
using FunAsr.Recognizer.Models;
using FunAsr.Recognizer.Models.Paraformer;

namespace FunAsr.Recognizer;

public sealed partial class Transcriber
{
    /// <summary>
    /// Runs the model over segments' features (LFR + CMVN, row-major [frames, 560] each), packing segments of similar
    /// length into batches of at most <see cref="TranscriberOptions.BatchSize"/> items and
    /// <see cref="TranscriberOptions.MaxBatchFrames"/> padded frames; padding is 0.0 (after CMVN, as sherpa-onnx pads).
    /// Returns one decoded utterance per input, in input order.
    /// </summary>
    internal IReadOnlyList<DecodedUtterance> Recognize(IReadOnlyList<float[]> features, CancellationToken ct) => RecognizerFor(null, ct)(features);

    /// <summary>How this call's segments are recognised: the Fun-ASR-Nano LLM with the call's prompt, or the CTC model
    /// decoded with the call's hotwords.</summary>
    private Func<IReadOnlyList<float[]>, IReadOnlyList<DecodedUtterance>> RecognizerFor(HotwordOptions? hotwords, CancellationToken ct)
    {
        if (_nano is not null)
        {
            var prompt = NanoPromptFor(hotwords);
            return features => RecognizeWithLlm(features, prompt, ct);
        }

        var decoder = DecoderFor(hotwords);
        return features => Recognize(features, decoder, ct);
    }

    /// <summary>Like <see cref="Recognize(IReadOnlyList{float[]}, CancellationToken)"/>, decoding with <paramref name="decoder"/>.</summary>
    private IReadOnlyList<DecodedUtterance> Recognize(IReadOnlyList<float[]> features, UtteranceDecoder decoder, CancellationToken ct)
    {
        var dim = Model.FeatureDim;
        var results = new DecodedUtterance[features.Count];
        var order = Enumerable.Range(0, features.Count).OrderBy(i => features[i].Length).ToArray();
        var batch = new List<int>();
        foreach (var index in order)
        {
            var frames = features[index].Length / dim;
            var wouldBe = (batch.Count + 1) * frames;
            if (batch.Count > 0 && (batch.Count >= _options.BatchSize || wouldBe > _options.MaxBatchFrames))
            {
                RunBatch(batch, features, decoder, results, ct);
                batch.Clear();
            }

            batch.Add(index);
        }

        if (batch.Count > 0)
        {
            RunBatch(batch, features, decoder, results, ct);
        }

        return results;
    }

    private void RunBatch(List<int> batch, IReadOnlyList<float[]> features, UtteranceDecoder decoder, DecodedUtterance[] results, CancellationToken ct)
    {
        var info = Model;
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

        var languages = Enumerable.Repeat(_languageId, batch.Count).ToArray();
        var textNorms = Enumerable.Repeat(info.WithoutItnId, batch.Count).ToArray();
        var input = new FeatureBatch(padded, lengths, languages, textNorms, frames, dim);
        if (_model is ParaformerModel paraformer)
        {
            var utterances = paraformer.Recognize(input, decoder.ModelHotwords, ct);
            for (var b = 0; b < batch.Count; b++)
            {
                results[batch[b]] = utterances[b];
            }

            return;
        }

        var logits = _model!.Run(input, ct);
        for (var b = 0; b < batch.Count; b++)
        {
            results[batch[b]] = decoder.Decode(logits.Item(b).Span, logits.VocabSize);
        }
    }
}
