using FunAsr.Ingest.Cluster;
using FunAsr.Ingest.Configuration;
using FunAsr.Ingest.Tests.Support;
using FunAsr.Tests.Support;

namespace FunAsr.Ingest.Tests.Cluster;

public sealed class ClusterSettingsTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void The_one_machine_cluster_configuration_loads_as_all_in_one_until_a_role_is_chosen()
    {
        var settings = ConfigLoader.Load(RepoPaths.Of("config", "cluster.yaml"), NoEnvironment);

        Assert.Equal(ClusterRole.AllInOne, settings.Cluster.ParsedRole);
        Assert.Equal("amqp://guest:guest@localhost:5672/", settings.Cluster.Broker);
        Assert.Equal("funasr.recordings.jobs", settings.Cluster.JobQueue);
        Assert.Equal("funasr.recordings.dead", settings.Cluster.DeadLetterQueue);
        Assert.Empty(settings.Cluster.Validate());
    }

    [Fact]
    public void A_cluster_role_without_a_broker_or_with_http_audio_but_no_intake_is_an_error_naming_each_key()
    {
        var path = Path.Combine(SpeechFixtures.TempDirectory(), "funasr-pipeline.yaml");
        File.WriteAllText(path, """
            cluster:
              role: worker
              audio: http
            """);

        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Load(path, NoEnvironment));

        Assert.Contains($"{path}: cluster.broker: required for the worker role", ex.Message);
        Assert.Contains($"{path}: cluster.intake_url: an http(s) URL of the intake's API is required with audio: http", ex.Message);
        Assert.Contains($"{path}: cluster.intake_api_key:", ex.Message);
    }

    [Fact]
    public void An_unknown_role_or_a_broker_that_is_not_amqp_is_an_error_and_the_password_is_not_repeated()
    {
        var settings = new ClusterSettings { Role = "manager" };
        Assert.Equal(["cluster.role: 'manager' is not one of all-in-one, intake, worker"], settings.Validate());

        settings = new ClusterSettings { Role = "intake", Broker = "http://user:secret@rabbitmq:5672/" };
        var problem = Assert.Single(settings.Validate());
        Assert.Equal("cluster.broker: 'http://user:***@rabbitmq:5672/' is not an amqp:// or amqps:// URI", problem);
    }
}
