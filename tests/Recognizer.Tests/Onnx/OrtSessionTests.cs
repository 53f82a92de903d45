using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxRuntimeException = FunAsr.Recognizer.OnnxRuntimeException;

namespace FunAsr.Recognizer.Tests.Onnx;

public sealed class OrtSessionTests
{
    private static readonly OrtRuntime s_runtime;

    // An explicit static constructor runs before the first test of the class: a field initializer alone may run only
    // when s_runtime is first read, and a test that makes SessionOptions first would create ORT's default environment
    // before ours (then every later OrtRuntime.Load in this process fails with "OrtEnv singleton instance already exists").
    static OrtSessionTests() => s_runtime = OrtRuntime.Load();

    internal static OrtSession OpenTiny()
    {
        using var options = new OrtSessionSettings(OrtDevice.Cpu, IntraOpThreads: 1).CreateOptions(OrtDevice.Cpu);
        return OrtSession.Create(s_runtime, Path.Combine(TinyModel.Directory, "model.onnx"), options);
    }

    [Fact]
    public void The_runtime_loads_from_the_NuGet_package_in_the_build_output_and_lists_the_cpu_provider()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so"), s_runtime.LibraryPath);
        Assert.Equal("NuGet package in the build output", s_runtime.Origin);
        Assert.Equal("1.30.0", s_runtime.Version);
        Assert.Equal("cpu", OrtRuntime.Flavor);
        Assert.Contains("CPUExecutionProvider", s_runtime.AvailableProviders());
    }

    [Fact]
    public void A_session_reports_inputs_outputs_and_custom_metadata()
    {
        using var session = OpenTiny();

        Assert.Equal(["x float[-1,-1,560]", "x_length int32[-1]", "language int32[-1]", "text_norm int32[-1]"],
            session.Inputs.Select(i => i.ToString()));
        Assert.Equal(["logits float[-1,-1,27]"], session.Outputs.Select(o => o.ToString()));
        Assert.Equal("sense_voice_ctc", session.Metadata["model_type"]);
        Assert.Equal("27", session.Metadata["vocab_size"]);
    }

    [Fact]
    public void Run_returns_the_known_logits_of_the_tiny_model()
    {
        using var session = OpenTiny();
        var features = TinyModel.Features(null, "▁hello", "订");
        using var x = OrtValue.CreateTensorValueFromMemory(features, [1, 3, 560]);
        using var length = OrtValue.CreateTensorValueFromMemory(new[] { 3 }, [1]);
        using var language = OrtValue.CreateTensorValueFromMemory(new[] { 4 }, [1]);
        using var textNorm = OrtValue.CreateTensorValueFromMemory(new[] { 15 }, [1]);

        using var outputs = session.Run([("x", x), ("x_length", length), ("language", language), ("text_norm", textNorm)], ["logits"]);
        var logits = outputs.Single();

        var info = logits.GetTensorTypeAndShape();
        Assert.Equal(TensorElementType.Float, info.ElementDataType);
        Assert.Equal([1L, 7, 27], info.Shape);
        var data = logits.GetTensorDataAsSpan<float>().ToArray();
        var argmax = Enumerable.Range(0, 7).Select(t => Array.IndexOf(data, data.AsSpan(t * 27, 27).ToArray().Max(), t * 27) - t * 27);
        Assert.Equal([4, 9, 11, 14, 0, 21, 17], argmax);
    }

    [Fact]
    public void A_wrong_input_name_gives_ORTs_message_naming_the_model()
    {
        using var session = OpenTiny();
        using var x = OrtValue.CreateTensorValueFromMemory(new float[560], [1, 1, 560]);

        var error = Assert.Throws<OnnxRuntimeException>(() => session.Run([("nope", x)], ["logits"]));

        Assert.StartsWith("Running model.onnx: InvalidArgument:", error.Message);
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_model_gives_an_error_naming_it()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ort-").FullName, "model.onnx");
        File.WriteAllText(path, "this is not an onnx model");
        using var options = new SessionOptions();

        var error = Assert.Throws<OnnxRuntimeException>(() => OrtSession.Create(s_runtime, path, options));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_cancelled_token_stops_before_running()
    {
        using var session = OpenTiny();
        using var x = OrtValue.CreateTensorValueFromMemory(new float[560], [1, 1, 560]);

        Assert.Throws<OperationCanceledException>(() => session.Run([("x", x)], ["logits"], new CancellationToken(canceled: true)));
    }
}
