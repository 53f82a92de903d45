using System.Diagnostics;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Sinks.Elasticsearch;

/// <summary>A test that needs a docker compose client (v2 plugin or v1 <c>docker-compose</c>); skipped, saying so, when there is none.</summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    public DockerComposeFactAttribute()
    {
        if (DockerCompose.Command is null)
            Skip = "docker compose config test skipped: neither `docker compose` (v2 plugin) nor `docker-compose` is installed";
    }
}

internal static class DockerCompose
{
    /// <summary>The compose client as (file, leading arguments), or null.</summary>
    public static (string File, string Args)? Command { get; } = Find();

    public static (int Exit, string Output) Run(string arguments)
    {
        var (file, lead) = Command!.Value;
        var start = new ProcessStartInfo(file, $"{lead} {arguments}".Trim())
        {
            WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error);
    }

    private static (string, string)? Find()
    {
        foreach (var candidate in new[] { ("docker", "compose"), ("docker-compose", "") })
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate.Item1, $"{candidate.Item2} version".Trim())
                {
                    RedirectStandardOutput = true, RedirectStandardError = true,
                })!;
                process.StandardOutput.ReadToEnd();
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
            }
        }
        return null;
    }
}

public sealed class DockerComposeConfigTests
{
    [DockerComposeFact]
    public void Compose_file_validates_with_the_example_env_and_keeps_the_start_order()
    {
        var (exit, output) = DockerCompose.Run("--env-file .env.example --profile gpu --profile cpu config");

        Assert.True(exit == 0, output);
        foreach (var service in new[] { "certs:", "elasticsearch:", "kibana-password:", "kibana:", "setup:", "ingest:", "ingest-cpu:" })
            Assert.Contains(service, output);
        Assert.Contains("ELASTICSEARCH_SSL_CERTIFICATEAUTHORITIES: config/certs/ca/ca.crt", output);
        Assert.Contains("SERVER_PUBLICBASEURL:", output);
        Assert.Contains("ELASTICSEARCH_CA_FILE: /certs/ca/ca.crt", output);
        Assert.Contains("service_completed_successfully", output);
        Assert.Contains("service_healthy", output);
        Assert.Contains("driver: nvidia", output);
        Assert.Contains("127.0.0.1:9200", output.Replace("published: \"9200\"", "127.0.0.1:9200"));
    }

    [Fact]
    public void Compose_file_serves_Elasticsearch_over_https_only_and_the_ingest_host_uses_an_api_key()
    {
        var compose = File.ReadAllText(RepoPaths.Of("docker-compose.yml"));

        Assert.DoesNotMatch(@"xpack\.security\.http\.ssl\.enabled:\s*[""']?false", compose);
        Assert.Matches(@"xpack\.security\.http\.ssl\.enabled:\s*""true""", compose);
        Assert.DoesNotContain("http://elasticsearch:9200", compose);
        Assert.Contains("elasticsearch-certutil ca", compose);
        Assert.Contains("elasticsearch-certutil cert", compose);
        var ingestEnvironment = compose[compose.IndexOf("x-elastic-env:", StringComparison.Ordinal)..compose.IndexOf("x-ingest:", StringComparison.Ordinal)];
        Assert.Contains("ELASTICSEARCH_API_KEY:", ingestEnvironment);
        Assert.DoesNotContain("ELASTICSEARCH_USERNAME", ingestEnvironment);
    }

    [DockerComposeFact]
    public void Compose_refuses_to_start_without_the_passwords()
    {
        var empty = Path.Combine(Path.GetTempPath(), $"funasr-empty-{Guid.NewGuid():N}.env");
        File.WriteAllText(empty, "");
        try
        {
            var (exit, output) = DockerCompose.Run($"--env-file {empty} config");
            Assert.NotEqual(0, exit);
            Assert.Contains("ELASTIC_PASSWORD", output);
        }
        finally
        {
            File.Delete(empty);
        }
    }
}
