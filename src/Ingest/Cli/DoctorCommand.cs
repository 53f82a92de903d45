using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using FunAsr.Recognizer;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// <c>funasr-pipeline doctor [--device D]</c>: what this installation would run on. Prints the ONNX Runtime version,
/// flavour and library, its execution providers, the NVIDIA GPUs the driver reports (name, memory), then opens the
/// model on the requested device and prints the device that runs (the log line says why). An explicit GPU device that
/// cannot run is the same one-line error as in <c>transcribe</c> (exit code 2).
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device")
        {
            Description = "Device to check: auto, cpu, cuda:N or tensorrt:N. Example: --device cuda:0",
            DefaultValueFactory = _ => "auto",
        };
        var model = new Option<string?>("--model", "-m")
        {
            Description = "Model directory to open. Default: as transcribe. Example: --model ~/models/sense-voice",
        };
        var command = new Command("doctor",
            "Show the ONNX Runtime build, its providers, the NVIDIA GPUs and the device a model runs on.\n" +
            "Examples:\n  funasr-pipeline doctor\n  funasr-pipeline doctor --device cuda:0")
        {
            device, model,
        };
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var stdout = pr.InvocationConfiguration.Output;
            var stderr = pr.InvocationConfiguration.Error;
            using var logging = CliLogging.Create(LogLevel.Information);
            try
            {
                var runtime = OnnxRuntimeInfo.Load();
                await stdout.WriteLineAsync($"ONNX Runtime:  {runtime.Version}, {runtime.Flavor} flavour, {runtime.LibraryPath} ({runtime.Origin})");
                await stdout.WriteLineAsync($"Providers:     {string.Join(", ", runtime.Providers)}");
                foreach (var line in await NvidiaGpusAsync(ct))
                {
                    await stdout.WriteLineAsync($"NVIDIA GPU:    {line}");
                }

                var options = new TranscriberOptions { Device = pr.GetValue(device)!, LanguageModel = null, Vad = VadOptions.Default with { Method = "off" } };
                using var transcriber = Transcriber.Create(pr.GetValue(model) is { } dir ? options with { ModelDirectory = dir } : options,
                    logging.CreateLogger<Transcriber>());
                await stdout.WriteLineAsync($"Model:         {transcriber.ModelPath}");
                await stdout.WriteLineAsync($"Device:        {transcriber.Device}");
                return 0;
            }
            catch (Exception e) when (e is ModelLoadException or OnnxRuntimeException or ArgumentException or FileNotFoundException)
            {
                await stderr.WriteLineAsync("error: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    /// <summary>One line per GPU from <c>nvidia-smi</c> (index, name, memory, driver), or why there is none.</summary>
    private static async Task<IReadOnlyList<string>> NvidiaGpusAsync(CancellationToken ct)
    {
        var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=index,name,memory.total,memory.used,driver_version --format=csv,noheader")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return process.ExitCode == 0 && lines.Length > 0
                ? lines.Select(l => l.Replace(", ", " | ", StringComparison.Ordinal)).ToArray()
                : [$"none (nvidia-smi exited with {process.ExitCode}: {(await process.StandardError.ReadToEndAsync(ct)).Trim()})"];
        }
        catch (Win32Exception)
        {
            return ["none (nvidia-smi is not on PATH: no NVIDIA driver installed)"];
        }
    }
}
