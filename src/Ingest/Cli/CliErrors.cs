using FunAsr.Extractors;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Persistence;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// Turns the errors a user can fix (configuration, rule and hotword files, a missing or broken model, an unwritable
/// data folder or one another host holds, bad arguments)
/// into one <c>error:</c> message on stderr and exit code 2; anything else propagates (System.CommandLine prints it
/// and exits with 1).
/// </summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (Exception ex) when (IsUserFixable(ex))
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 2;
        }
    }

    /// <summary>
    /// True for problems fixed by changing a setting or a file rather than by retrying; their messages name the file,
    /// line or key. An ONNX Runtime error that escapes the pipeline can only come from loading the model (inference
    /// errors are handled per recording).
    /// </summary>
    public static bool IsUserFixable(Exception ex) =>
        ex is ConfigException or RuleFileException or FormatException or ModelLoadException or OnnxRuntimeException or HotwordFileException
            or DataFolderException;
}
