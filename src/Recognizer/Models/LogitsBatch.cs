namespace FunAsr.Recognizer.Models;

/// <summary>Model output for a <see cref="FeatureBatch"/>: raw CTC scores (argmax-equivalent to log-probabilities).</summary>
/// <param name="Logits">Row-major [BatchSize, Frames, VocabSize] float32; the first <see cref="ModelInfo.PromptFrames"/>
/// frames of each item are the prompt tags.</param>
/// <param name="Lengths">Valid output frames per item, including the prompt frames, [BatchSize].</param>
/// <param name="Frames">Padded output frame count.</param>
/// <param name="VocabSize">Classes per frame.</param>
internal sealed record LogitsBatch(float[] Logits, int[] Lengths, int Frames, int VocabSize)
{
    /// <summary>The valid [Lengths[item], VocabSize] rows of one item.</summary>
    public ReadOnlyMemory<float> Item(int item) => Logits.AsMemory(item * Frames * VocabSize, Lengths[item] * VocabSize);
}
