using System.Globalization;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Where a session should run, parsed from the <c>Device</c> setting: <c>auto</c> (CUDA device 0 when this ORT build
/// and machine have it, else CPU), <c>cpu</c>, or <c>cuda</c>/<c>cuda:N</c> (that CUDA device or an error).
/// </summary>
internal sealed record OrtDevice(OrtDeviceKind Kind, int CudaDeviceId)
{
    public static OrtDevice Cpu { get; } = new(OrtDeviceKind.Cpu, 0);

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text; the message names the setting and the accepted values.</exception>
    public static OrtDevice Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        if (value == "auto")
        {
            return new OrtDevice(OrtDeviceKind.Auto, 0);
        }

        if (value == "cpu")
        {
            return Cpu;
        }

        if (value == "cuda")
        {
            return new OrtDevice(OrtDeviceKind.Cuda, 0);
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new OrtDevice(OrtDeviceKind.Cuda, id);
        }

        throw new ArgumentException($"Device '{text}' is not valid: use auto, cpu, cuda or cuda:N (N = GPU ordinal).", nameof(text));
    }

    /// <summary>The device as reported in transcripts: <c>cpu</c> or <c>cuda:N</c>.</summary>
    public override string ToString() => Kind switch
    {
        OrtDeviceKind.Cpu => "cpu",
        OrtDeviceKind.Cuda => $"cuda:{CudaDeviceId}",
        _ => "auto",
    };
}
