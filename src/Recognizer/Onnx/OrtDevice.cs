using System.Diagnostics.CodeAnalysis;
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

    /// <summary>The values <see cref="Parse"/> accepts, for error messages.</summary>
    public const string Accepted = "use auto, cpu, cuda or cuda:N, tensorrt or tensorrt:N (N = GPU ordinal)";

    /// <summary>Parses <c>auto</c>, <c>cpu</c>, <c>cuda[:N]</c> or <c>tensorrt[:N]</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text; the message names the setting and the accepted values.</exception>
    public static OrtDevice Parse(string text) =>
        TryParse(text, out var device) ? device : throw new ArgumentException($"Device '{text}' is not valid: {Accepted}.", nameof(text));

    /// <summary>As <see cref="Parse"/>, returning false for text it does not accept.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out OrtDevice? device)
    {
        var value = text.Trim().ToLowerInvariant();
        device = value switch
        {
            "auto" => new OrtDevice(OrtDeviceKind.Auto, 0),
            "cpu" => Cpu,
            "cuda" => new OrtDevice(OrtDeviceKind.Cuda, 0),
            "tensorrt" => new OrtDevice(OrtDeviceKind.TensorRt, 0),
            _ => WithOrdinal(value),
        };
        return device is not null;
    }

    /// <summary>The device as reported in transcripts: <c>cpu</c>, <c>cuda:N</c> or <c>tensorrt:N</c>.</summary>
    public override string ToString() => Kind switch
    {
        OrtDeviceKind.Cpu => "cpu",
        OrtDeviceKind.Cuda => $"cuda:{GpuId}",
        OrtDeviceKind.TensorRt => $"tensorrt:{GpuId}",
        _ => "auto",
    };

    private static OrtDevice? WithOrdinal(string value)
    {
        var colon = value.IndexOf(':');
        if (colon < 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        return value[..colon] switch
        {
            "cuda" => new OrtDevice(OrtDeviceKind.Cuda, id),
            "tensorrt" => new OrtDevice(OrtDeviceKind.TensorRt, id),
            _ => null,
        };
    }
}
