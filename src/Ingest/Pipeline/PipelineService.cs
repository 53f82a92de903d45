namespace FunAsr.Ingest.Pipeline;

/// <summary>
/// Runs the process's role (the <see cref="PipelineRunner"/>, or a cluster intake or worker) as a hosted service; a
/// fault stops the host and is kept for the exit code.
/// </summary>
internal sealed class PipelineService(Func<CancellationToken, Task> run) : BackgroundService
{
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await run(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            Failure = ex;
            throw;
        }
    }
}
