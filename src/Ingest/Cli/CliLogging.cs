using System.CommandLine;
namespace FunAsr.Ingest.Cli;

/// <summary>Console logging to stderr (stdout stays clean for results, tables and the stdout sink).</summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(LogLevel minimum) => LoggerFactory.Create(builder => builder
        .SetMinimumLevel(minimum)
        .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
        .AddFilter("Microsoft.Hosting", LogLevel.Warning)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
