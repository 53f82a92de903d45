using System.CommandLine;
using FunAsr.Extractors;
using FunAsr.Ingest.Configuration;

namespace FunAsr.Ingest.Cli;

/// <summary>
/// Turns the errors a user can fix (configuration, rule files, bad arguments) into a message on stderr and exit
/// code 2; anything else propagates (System.CommandLine prints it and exits with 1).
/// </summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await command();
        }
        catch (ConfigException ex)
        {
            return Report(ex.Message);
        }
        catch (RuleFileException ex)
        {
            return Report(ex.Message);
        }
        catch (FormatException ex)
        {
            return Report(ex.Message);
        }
    }

    private static int Report(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
