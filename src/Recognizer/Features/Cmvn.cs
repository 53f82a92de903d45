using System.Globalization;
using System.Numerics.Tensors;

namespace FunAsr.Recognizer.Features;

/// <summary>
/// Global cepstral mean and variance normalisation applied after LFR, per dimension: <c>y = (x + NegMean) * InvStddev</c>
/// (sherpa-onnx <c>ApplyCMVN</c>; FunASR <c>frontend.py::apply_cmvn</c>). The statistics come from the model's
/// metadata (<c>neg_mean</c>, <c>inv_stddev</c>, comma separated) or from a FunASR <c>am.mvn</c> file.
/// </summary>
internal sealed class Cmvn
{
    /// <summary>Creates CMVN from the shift and scale vectors (same length).</summary>
    /// <param name="negMean">Negated means, added first ([<see cref="Dimension"/>]).</param>
    /// <param name="invStddev">Inverse standard deviations, multiplied after the shift ([<see cref="Dimension"/>]).</param>
    public Cmvn(float[] negMean, float[] invStddev)
    {
        ArgumentNullException.ThrowIfNull(negMean);
        ArgumentNullException.ThrowIfNull(invStddev);
        if (negMean.Length != invStddev.Length || negMean.Length == 0)
            throw new ArgumentException($"neg_mean has {negMean.Length} values and inv_stddev {invStddev.Length}; they must match and be non-empty.");
        NegMean = negMean;
        InvStddev = invStddev;
    }

    /// <summary>No normalisation (shift 0, scale 1): models trained without CMVN (Fun-ASR-Nano).</summary>
    public static Cmvn None(int dimension) => new(new float[dimension], Enumerable.Repeat(1f, dimension).ToArray());

    /// <summary>The shift (negated means), one per feature dimension.</summary>
    public float[] NegMean { get; }

    /// <summary>The scale (inverse standard deviations), one per feature dimension.</summary>
    public float[] InvStddev { get; }

    /// <summary>Feature dimension the statistics apply to (560 for SenseVoice: 80 mel × LFR 7).</summary>
    public int Dimension => NegMean.Length;

    /// <summary>Parses the sherpa-onnx metadata values <c>neg_mean</c> and <c>inv_stddev</c> (comma-separated floats).</summary>
    /// <param name="negMean">The <c>neg_mean</c> value.</param>
    /// <param name="invStddev">The <c>inv_stddev</c> value.</param>
    /// <param name="source">Named in errors, e.g. the model path.</param>
    public static Cmvn FromMetadata(string negMean, string invStddev, string source = "model metadata")
    {
        float[] shift = ParseList(negMean, $"{source} (neg_mean)", ',');
        float[] scale = ParseList(invStddev, $"{source} (inv_stddev)", ',');
        if (shift.Length != scale.Length)
            throw new CmvnFormatException(source, $"neg_mean has {shift.Length} values but inv_stddev has {scale.Length}");
        return new Cmvn(shift, scale);
    }

    /// <summary>
    /// Reads a FunASR <c>am.mvn</c> (Kaldi nnet1 text): the vector on the <c>&lt;LearnRateCoef&gt;</c> line after
    /// <c>&lt;AddShift&gt;</c> is the shift, the one after <c>&lt;Rescale&gt;</c> the scale (FunASR <c>load_cmvn</c>).
    /// </summary>
    /// <exception cref="CmvnFormatException">A component is missing or a value is not a number; names <c>path:line</c>.</exception>
    public static Cmvn LoadAmMvn(string path)
    {
        string[] lines = File.ReadAllLines(path);
        float[]? shift = null, scale = null;
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string component = lines[i].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            if (component is not ("<AddShift>" or "<Rescale>"))
                continue;
            string next = lines[i + 1].Trim();
            if (!next.StartsWith("<LearnRateCoef>", StringComparison.Ordinal))
                throw new CmvnFormatException($"{path}:{i + 2}", $"expected a <LearnRateCoef> line after {component}");
            int open = next.IndexOf('['), close = next.LastIndexOf(']');
            if (open < 0 || close < open)
                throw new CmvnFormatException($"{path}:{i + 2}", "expected the values between '[' and ']'");
            float[] values = ParseList(next[(open + 1)..close], $"{path}:{i + 2}", ' ');
            if (component == "<AddShift>")
                shift = values;
            else
                scale = values;
        }

        if (shift is null || scale is null)
            throw new CmvnFormatException(path, $"no {(shift is null ? "<AddShift>" : "<Rescale>")} component; an am.mvn needs both");
        if (shift.Length != scale.Length)
            throw new CmvnFormatException(path, $"<AddShift> has {shift.Length} values but <Rescale> has {scale.Length}");
        return new Cmvn(shift, scale);
    }

    /// <summary>Normalises row-major <c>[frames, Dimension]</c> features in place.</summary>
    public void ApplyInPlace(Span<float> features)
    {
        if (features.Length % Dimension != 0)
            throw new ArgumentException($"{features.Length} values are not whole rows of {Dimension}.", nameof(features));
        for (int offset = 0; offset < features.Length; offset += Dimension)
        {
            var row = features.Slice(offset, Dimension);
            TensorPrimitives.AddMultiply(row, NegMean, InvStddev, row);
        }
    }

    private static float[] ParseList(string text, string source, char separator)
    {
        string[] parts = text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new CmvnFormatException(source, "no values");
        var values = new float[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
                throw new CmvnFormatException(source, $"value {i + 1} ('{parts[i]}') is not a number");
        }

        return values;
    }
}
