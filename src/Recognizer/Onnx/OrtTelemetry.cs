using System.Runtime.InteropServices;

namespace FunAsr.Recognizer.Onnx;

/// <summary>
/// Turns ONNX Runtime's telemetry off before the first <c>OrtEnv</c> is created. On Linux, creating the environment
/// matches GCC <c>std::regex</c> patterns against the process command line; that regex engine recurses per character,
/// so a command line over ~25 KB (e.g. <c>transcribe</c> given a few hundred file paths) overflows the stack and kills
/// the process. ORT reads the switch with <c>getenv</c>, so it has to be set in the native environment:
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes .NET's own copy on Unix.
/// </summary>
internal static partial class OrtTelemetry
{
    private const string Switch = "ORT_DISABLE_TELEMETRY";

    /// <summary>Sets <c>ORT_DISABLE_TELEMETRY=1</c> unless the user gave the variable a value.</summary>
    public static void DisableBeforeCreatingEnv()
    {
        if (OperatingSystem.IsWindows() || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Switch)))
        {
            return;
        }

        SetNativeEnvironmentVariable(Switch, "1", overwrite: 1);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeEnvironmentVariable(string name, string value, int overwrite);
}
