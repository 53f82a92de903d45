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
    [InlineData("tensorrt", "TensorRt", 0)]
    [InlineData("TensorRT:1", "TensorRt", 1)]
    public void Parse_accepts_the_documented_values(string text, string kind, int id)
    {
        Assert.Equal(new OrtDevice(Enum.Parse<OrtDeviceKind>(kind), id), OrtDevice.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("tensorrt:")]
    public void Parse_rejects_anything_else_naming_the_accepted_values(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => OrtDevice.Parse(text));

        Assert.Contains($"Device '{text}' is not valid: use auto, cpu, cuda or cuda:N, tensorrt or tensorrt:N", error.Message);
    }

    [Fact]
    public void Auto_falls_back_to_cpu_with_one_log_line_saying_why()
    {
        var logger = new CollectingLogger();

        using var session = OrtDeviceSession.Open(OrtRuntime.Load(), s_model, new OrtSessionSettings(OrtDevice.Parse("auto")), logger);

        Assert.Equal("cpu", session.Device);
        var line = Assert.Single(logger.Lines);
        Assert.StartsWith("Information: Running model.onnx on cpu because CUDAExecutionProvider (libonnxruntime_providers_cuda.so) " +
            "is not in this ONNX Runtime build (1.30.0, cpu flavour, ", line);
        Assert.Contains("build with -p:OrtFlavor=cuda", line);
        Assert.Equal(0, session.CpuFallbacks);
    }

    [Theory]
    [InlineData("cuda:0", "CUDAExecutionProvider (libonnxruntime_providers_cuda.so)")]
    [InlineData("tensorrt:0", "TensorrtExecutionProvider (libonnxruntime_providers_tensorrt.so)")]
    public void An_explicit_gpu_device_that_is_unavailable_is_one_line_naming_the_missing_library(string device, string missing)
    {
        var error = Assert.Throws<OnnxRuntimeException>(() =>
            OrtDeviceSession.Open(OrtRuntime.Load(), s_model, new OrtSessionSettings(OrtDevice.Parse(device)), new CollectingLogger()));

        Assert.StartsWith($"Device '{device}' was requested but {missing} is not in this ONNX Runtime build", error.Message);
        Assert.EndsWith("Use device 'auto' to fall back to CPU (README, section GPU).", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_gpu_build_without_CUDA_libraries_is_reported_by_the_missing_file()
    {
        // ORT 1.30's text when the Gpu.Linux package runs on a machine without CUDA 13 (seen with -p:OrtFlavor=cuda here).
        const string ortMessage = "/onnxruntime_src/onnxruntime/core/session/provider_bridge_ort.cc:1862 onnxruntime::Provider& " +
            "onnxruntime::ProviderLibrary::Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library " +
            "/app/runtimes/linux-x64/native/libonnxruntime_providers_cuda.so with error: libcublasLt.so.13: cannot open shared object file: " +
            "No such file or directory\n";

        var reason = GpuProviders.InitialisationFailure(OrtDeviceKind.Cuda, ortMessage);

        Assert.StartsWith("CUDA could not be initialised: libcublasLt.so.13 is missing (cannot open shared object file;", reason);
        Assert.Contains("CUDA 13 and cuDNN 9", reason);
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
