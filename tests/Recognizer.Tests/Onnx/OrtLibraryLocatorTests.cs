using FunAsr.Recognizer.Onnx;
using FunAsr.Tests.Support;

namespace FunAsr.Recognizer.Tests.Onnx;

public sealed class OrtLibraryLocatorTests
{
    [Fact]
    public void Without_an_explicit_path_or_environment_it_walks_up_to_the_set_up_folder()
    {
        var appDirectory = RepoPaths.Of("artifacts", "bin", "some-app", "debug");

        Assert.Equal(RepoPaths.Of(".deps", "onnxruntime", "libonnxruntime.so"), OrtLibraryLocator.Locate(null, null, appDirectory));
    }

    [Fact]
    public void The_environment_variable_comes_before_the_app_folder()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate(null, "/nowhere", RepoPaths.Root));

        Assert.Contains("Looked in: /nowhere (ORT_LIBRARY_PATH environment variable).", error.Message);
    }

    [Fact]
    public void Nothing_found_lists_every_place_searched()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate(null, null, "/tmp/no-app-here"));

        Assert.Contains("/tmp/no-app-here/libonnxruntime.so (application folder)", error.Message);
        Assert.Contains(".deps/onnxruntime/ above /tmp/no-app-here", error.Message);
    }

    [Fact]
    public void A_missing_explicit_path_says_where_it_looked_and_how_to_fix_it()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate("/nonexistent/libonnxruntime.so"));

        Assert.Contains("/nonexistent/libonnxruntime.so (OrtLibraryPath option)", error.Message);
        Assert.Contains("tools/install-deps.sh", error.Message);
        Assert.Contains("ORT_LIBRARY_PATH", error.Message);
    }

    [Fact]
    public void A_folder_is_searched_for_the_library_file()
    {
        var folder = Path.GetDirectoryName(OrtLibraryLocator.Locate(null))!;

        Assert.Equal(Path.Combine(folder, "libonnxruntime.so"), OrtLibraryLocator.Locate(folder));
    }

    [Fact]
    public void A_file_that_is_not_onnx_runtime_is_refused_clearly()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ort-").FullName, "libonnxruntime.so");
        File.WriteAllText(path, "not a library");

        var error = Assert.Throws<OnnxRuntimeException>(() => OrtRuntime.Load(path));

        Assert.Contains($"Could not load the ONNX Runtime library {path}", error.Message);
    }
}
