using FunAsr.Ingest.Tests.Sinks.Elasticsearch;

namespace FunAsr.Ingest.Tests.Cluster;

public sealed class ClusterComposeTests
{
    [DockerComposeFact]
    public void The_cluster_profile_adds_rabbitmq_an_intake_and_scalable_workers_with_credentials_from_the_env_file()
    {
        var (exit, output) = DockerCompose.Run("--env-file .env.example --profile cluster config");

        Assert.True(exit == 0, output);
        foreach (var service in new[] { "rabbitmq:", "intake:", "worker:" })
            Assert.Contains(service, output);
        Assert.Contains("FUNASR_CLUSTER_BROKER: amqp://funasr:change-me-rabbitmq@rabbitmq:5672/", output);
        Assert.Contains("RABBITMQ_DEFAULT_PASS: change-me-rabbitmq", output);
        Assert.Contains("- worker", output);
        Assert.Contains("/inbox:ro", output);
    }
}
