using FunAsr.Ingest.Tests.Support;

namespace FunAsr.Ingest.Tests.Cli;

/// <summary>
/// The real executable with ONNX Runtime from NuGet (the cpu flavour this build carries): which device runs and why,
/// the one-line error for a GPU device this build or machine cannot give, the <c>ORT_LIBRARY_PATH</c> override, and
/// <c>doctor</c>. Each runs in its own process: a process loads one native runtime for its whole life.
/// </summary>
public sealed class OnnxRuntimeSetupTests : IDisposable
{
    private readonly string _dir = SpeechFixtures.TempDirectory();
    private readonly string _tone;

    public OnnxRuntimeSetupTests()
    {
        _tone = Path.Combine(_dir, "tone.wav");
        SpeechFixtures.Run("sox", "-D", "-n", "-r", "16000", "-b", "16", _tone, "synth", "0.3", "sine", "325.6", "vol", "0.3", "pad", "0.2", "0.2");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_build_output_carries_the_NuGet_runtime()
    {
        var native = Path.Combine(Path.GetDirectoryName(HostProcess.Executable)!, "runtimes", "linux-x64", "native");

        Assert.True(File.Exists(Path.Combine(native, "libonnxruntime.so")), $"{native}/libonnxruntime.so is missing");
        Assert.False(File.Exists(Path.Combine(native, "libonnxruntime_providers_cuda.so")), "the cpu flavour must not carry the CUDA provider");
    }

    [Fact]
    public async Task Auto_says_in_one_line_why_it_runs_on_cpu()
    {
        var (code, output) = await RunAsync(null, "transcribe", _tone, "--device", "auto");

        Assert.True(code == 0, output);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("Running model.onnx on"));
        Assert.Contains("Running model.onnx on cpu because CUDAExecutionProvider (libonnxruntime_providers_cuda.so) is not in this ONNX Runtime build (1.30.0, cpu flavour", line);
        Assert.Contains("你", output);
    }

    [Theory]
    [InlineData("cuda:0", "CUDAExecutionProvider (libonnxruntime_providers_cuda.so)")]
    [InlineData("tensorrt:0", "TensorrtExecutionProvider (libonnxruntime_providers_tensorrt.so)")]
    public async Task An_explicit_gpu_device_fails_with_one_line_naming_the_missing_library(string device, string missing)
    {
        var (code, output) = await RunAsync(null, "transcribe", _tone, "--device", device);

        Assert.Equal(2, code);
        var error = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: Device '{device}' was requested but {missing} is not in this ONNX Runtime build", error);
    }

    [Fact]
    public async Task ORT_LIBRARY_PATH_overrides_the_package_and_a_wrong_one_says_where_it_looked()
    {
        var (code, output) = await RunAsync("/nowhere/libonnxruntime.so", "transcribe", _tone, "--device", "cpu");

        Assert.Equal(2, code);
        Assert.Contains("error: The ONNX Runtime native library (libonnxruntime.so) was not found. Looked in: " +
            "/nowhere/libonnxruntime.so (ORT_LIBRARY_PATH environment variable).", output);
    }

    [Fact]
    public async Task A_file_that_is_not_ONNX_Runtime_is_refused_clearly()
    {
        var fake = Path.Combine(_dir, "libonnxruntime.so");
        File.WriteAllText(fake, "not a library");

        var (code, output) = await RunAsync(fake, "transcribe", _tone, "--device", "cpu");

        Assert.Equal(2, code);
        Assert.Contains($"error: Could not load the ONNX Runtime library {fake} (ORT_LIBRARY_PATH environment variable)", output);
    }

    [Fact]
    public async Task Doctor_prints_the_runtime_its_providers_and_the_device_that_runs()
    {
        var (code, output) = await RunAsync(null, "doctor");

        Assert.True(code == 0, output);
        Assert.Contains("ONNX Runtime:  1.30.0, cpu flavour, ", output);
        Assert.Contains("Providers:     CPUExecutionProvider", output);
        Assert.Contains("NVIDIA GPU:    ", output);
        Assert.Contains("Device:        cpu", output);
    }

    private async Task<(int Code, string Output)> RunAsync(string? ortLibraryPath, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["ORT_LIBRARY_PATH"] = ortLibraryPath ?? "" };
        using var host = HostProcess.Start(_dir, environment, [.. args, "--model", SpeechFixtures.ModelDirectory]);
        var code = await host.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return (code, host.Output);
    }
}
