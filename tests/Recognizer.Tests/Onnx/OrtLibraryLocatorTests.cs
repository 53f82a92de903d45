using FunAsr.Recognizer.Onnx;

namespace FunAsr.Recognizer.Tests.Onnx;

public sealed class OrtLibraryLocatorTests
{
    [Fact]
    public void Without_an_explicit_path_or_environment_it_takes_the_NuGet_package_in_the_build_output()
    {
        var (path, origin) = OrtLibraryLocator.Locate(null, null, AppContext.BaseDirectory, "linux-x64");

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libonnxruntime.so"), path);
        Assert.Equal("NuGet package in the build output", origin);
    }

    [Fact]
    public void The_application_folder_comes_first_as_in_a_publish_folder_or_tool()
    {
        var app = Directory.CreateTempSubdirectory("ort-app-").FullName;
        File.WriteAllText(Path.Combine(app, "libonnxruntime.so"), "");

        Assert.Equal((Path.Combine(app, "libonnxruntime.so"), "application folder"), OrtLibraryLocator.Locate(null, null, app, "linux-x64"));
    }

    [Fact]
    public void The_environment_variable_overrides_the_package()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate(null, "/nowhere", AppContext.BaseDirectory, "linux-x64"));

        Assert.Contains("Looked in: /nowhere (ORT_LIBRARY_PATH environment variable).", error.Message);
    }

    [Fact]
    public void Nothing_found_lists_every_place_searched_and_never_a_set_up_folder()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate(null, null, "/tmp/no-app-here", "linux-x64"));

        Assert.Contains("/tmp/no-app-here/libonnxruntime.so (application folder)", error.Message);
        Assert.Contains("/tmp/no-app-here/runtimes/linux-x64/native/libonnxruntime.so (NuGet package in the build output)", error.Message);
        Assert.DoesNotContain(".deps", error.Message);
    }

    [Fact]
    public void A_missing_explicit_path_says_where_it_looked_and_how_to_fix_it()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => OrtLibraryLocator.Locate("/nonexistent/libonnxruntime.so"));

        Assert.Contains("/nonexistent/libonnxruntime.so (OrtLibraryPath option)", error.Message);
        Assert.Contains("Microsoft.ML.OnnxRuntime", error.Message);
        Assert.Contains("ORT_LIBRARY_PATH", error.Message);
    }

    [Fact]
    public void A_folder_is_searched_for_the_library_file()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

        Assert.Equal(Path.Combine(folder, "libonnxruntime.so"), OrtLibraryLocator.Locate(folder).Path);
    }
}
