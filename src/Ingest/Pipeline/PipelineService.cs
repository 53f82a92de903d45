namespace FunAsr.Ingest.Pipeline;

/// <summary>Runs the <see cref="PipelineRunner"/> as a hosted service; a fault stops the host and is kept for the exit code.</summary>
internal sealed class PipelineService(PipelineRunner runner) : BackgroundService
{
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RunAsync(once: false, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Failure = ex;
            throw;
        }
    }
}
