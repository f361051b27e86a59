namespace LedgerCluster.Silo;

/// <summary>
/// Stops and disposes a node, waiting at most <see cref="Limit"/>: the host bounds its graceful stop, but disposing the
/// silo and its services has no bound of its own, and a command that was told Ctrl+C must end. Anything left unfinished
/// ends with the process, as a crash would, which the log survives (every append is durable before it is answered).
/// </summary>
public sealed class BoundedShutdown(WebApplication app) : IAsyncDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public async ValueTask DisposeAsync()
    {
        var shutdown = Task.Run(async () =>
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        });
        await Task.WhenAny(shutdown, Task.Delay(Limit));
    }
}
