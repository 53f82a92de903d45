using System.Globalization;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Where a session should run, parsed from the <c>Device</c> setting: <c>auto</c> (CUDA device 0 when this ORT build
/// and machine have it, else CPU), <c>cpu</c>, <c>cuda</c>/<c>cuda:N</c> (that CUDA device or an error), or
/// <c>tensorrt</c>/<c>tensorrt:N</c> (TensorRT on that device, CUDA for the nodes TensorRT does not take, or an error).
/// </summary>
internal sealed record OrtDevice(OrtDeviceKind Kind, int GpuId)
{
    public static OrtDevice Cpu { get; } = new(OrtDeviceKind.Cpu, 0);

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda[:N]</c> or <c>tensorrt[:N]</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text; the message names the setting and the accepted values.</exception>
    public static OrtDevice Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        switch (value)
        {
            case "auto":
                return new OrtDevice(OrtDeviceKind.Auto, 0);
            case "cpu":
                return Cpu;
        }

        foreach (var (prefix, kind) in new[] { ("cuda", OrtDeviceKind.Cuda), ("tensorrt", OrtDeviceKind.TensorRt) })
        {
            if (value == prefix)
            {
                return new OrtDevice(kind, 0);
            }

            if (value.StartsWith(prefix + ":", StringComparison.Ordinal)
                && int.TryParse(value.AsSpan(prefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return new OrtDevice(kind, id);
            }
        }

        throw new ArgumentException(
            $"Device '{text}' is not valid: use auto, cpu, cuda or cuda:N, tensorrt or tensorrt:N (N = GPU ordinal).", nameof(text));
    }

    /// <summary>The device as reported in transcripts: <c>cpu</c>, <c>cuda:N</c> or <c>tensorrt:N</c>.</summary>
    public override string ToString() => Kind switch
    {
        OrtDeviceKind.Cpu => "cpu",
        OrtDeviceKind.Cuda => $"cuda:{GpuId}",
        OrtDeviceKind.TensorRt => $"tensorrt:{GpuId}",
        _ => "auto",
    };
}
