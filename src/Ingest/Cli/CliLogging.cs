using System.CommandLine;
using Microsoft.Extensions.Logging.Console;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// Console logging to stderr (stdout stays clean for results, tables and the stdout sink): one plain line per entry,
/// or ECS JSON (<see cref="EcsJsonLogFormatter"/>) with <c>--log-format json</c> or <c>FUNASR_LOG_FORMAT=json</c>.
/// </summary>
internal static class CliLogging
{
    public const string FormatVariable = "FUNASR_LOG_FORMAT";

    /// <summary><c>--log-format text|json</c>, for the commands that run the pipeline.</summary>
    public static Option<string> FormatOption() => new Option<string>("--log-format")
    {
        Description = $"Log lines as plain text or as ECS JSON for Filebeat/Elastic Agent (default: ${FormatVariable}, else text).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(FormatVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : "text",
    }.AcceptOnlyFromAmong("text", "json");

    public static ILoggerFactory Create(LogLevel minimum, string format = "text") => LoggerFactory.Create(builder =>
    {
        builder.SetMinimumLevel(minimum)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
            .AddFilter("Microsoft.Hosting", LogLevel.Warning);
        if (format == "json")
        {
            builder.AddConsole(o =>
            {
                o.FormatterName = EcsJsonLogFormatter.Name;
                o.LogToStandardErrorThreshold = LogLevel.Trace;
            }).AddConsoleFormatter<EcsJsonLogFormatter, ConsoleFormatterOptions>();
            return;
        }
        builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    });
}
