namespace FunAsr.Recognizer.Models.Paraformer;

/// <summary>The <c>us_cif_peak</c> output of a timestamp Paraformer: [N, 3T] firing weights, upsampled ×3 from the 60 ms
/// LFR frames (20 ms each); a value above 1 − 1e-4 is a token boundary.</summary>
internal sealed record CifPeaks(float[] Values, int Width)
{
    /// <summary>One upsampled frame in time.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(20);

    public ReadOnlyMemory<float> Item(int item) => Values.AsMemory(item * Width, Width);
}
