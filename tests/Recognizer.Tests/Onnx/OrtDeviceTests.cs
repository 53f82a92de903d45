using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;

namespace FunAsr.Recognizer.Tests.Onnx;

public sealed class OrtDeviceTests
{
    private static readonly string s_model = Path.Combine(TinyModel.Directory, "model.onnx");

    [Theory]
    [InlineData("auto", "Auto", 0)]
    [InlineData("CPU", "Cpu", 0)]
    [InlineData("cuda", "Cuda", 0)]
    [InlineData("cuda:3", "Cuda", 3)]
    public void Parse_accepts_the_documented_values(string text, string kind, int id)
    {
        Assert.Equal(new OrtDevice(Enum.Parse<OrtDeviceKind>(kind), id), OrtDevice.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Parse_rejects_anything_else_naming_the_accepted_values(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => OrtDevice.Parse(text));

        Assert.Contains($"Device '{text}' is not valid: use auto, cpu, cuda or cuda:N", error.Message);
    }

    [Fact]
    public void Auto_falls_back_to_cpu_with_one_log_line_saying_why()
    {
        var logger = new CollectingLogger();

        using var session = OrtDeviceSession.Open(OrtRuntime.Load(), s_model, new OrtSessionSettings(OrtDevice.Parse("auto")), logger);

        Assert.Equal("cpu", session.Device);
        var line = Assert.Single(logger.Lines);
        // onnxruntime-node lists CUDAExecutionProvider but ships no provider libraries, so CUDA fails to initialise.
        Assert.StartsWith("Information: Running model.onnx on cpu because ", line);
        Assert.Contains("CUDA", line);
        Assert.Equal(0, session.CpuFallbacks);
    }

    [Fact]
    public void An_explicit_cuda_device_that_is_unavailable_is_an_error_pointing_to_auto_and_the_README()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() =>
            OrtDeviceSession.Open(OrtRuntime.Load(), s_model, new OrtSessionSettings(OrtDevice.Parse("cuda:0")), new CollectingLogger()));

        Assert.StartsWith("Device 'cuda:0' was requested but ", error.Message);
        Assert.Contains("CUDA", error.Message);
        Assert.Contains("Use device 'auto'", error.Message);
        Assert.Contains("ORT_LIBRARY_PATH", error.Message);
    }

    [Fact]
    public void Cpu_logs_nothing()
    {
        var logger = new CollectingLogger();

        using var session = OrtDeviceSession.Open(OrtRuntime.Load(), s_model, new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: 1), logger);

        Assert.Equal("cpu", session.Device);
        Assert.Empty(logger.Lines);
    }
}
