namespace FunAsr.Recognizer.Models;

/// <summary>
/// Model input for <see cref="IAcousticModel.Run"/>: <see cref="BatchSize"/> segments of LFR+CMVN features padded with
/// 0.0 to <see cref="Frames"/>.
/// </summary>
/// <param name="Features">Row-major [BatchSize, Frames, Dim] float32.</param>
/// <param name="Lengths">Valid frames per segment, [BatchSize].</param>
/// <param name="LanguageIds">Prompt language id per segment (<see cref="ModelInfo.LanguageIds"/>), [BatchSize].</param>
/// <param name="TextNormIds">Prompt ITN id per segment (<see cref="ModelInfo.WithItnId"/> or <see cref="ModelInfo.WithoutItnId"/>), [BatchSize].</param>
/// <param name="Frames">Padded frame count (the longest segment).</param>
/// <param name="Dim">Feature dimension (560).</param>
internal sealed record FeatureBatch(float[] Features, int[] Lengths, int[] LanguageIds, int[] TextNormIds, int Frames, int Dim)
{
    /// <summary>Number of segments.</summary>
    public int BatchSize => Lengths.Length;
}
