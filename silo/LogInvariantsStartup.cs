using LedgerCluster.Core.Log;
using LedgerCluster.Grains;
using LedgerCluster.Grains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo;

/// <summary>
/// Runs before the silo starts (registered ahead of Orleans): keeps the log's invariants with the data on first start
/// and refuses a node configured for another log (<see cref="StoreMismatchException"/>), so nothing is served misrouted.
/// </summary>
public sealed class LogInvariantsStartup(ILogStore store, IOptions<LedgerOptions> ledger, StoreDescription where, ILogger<LogInvariantsStartup> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        LogInvariantsGuard.EnsureAsync(store, LogInvariants.Current(ledger.Value.ShardCount, ledger.Value.OriginPrefix), where.Text,
            adopted: line => log.LogWarning("{Adopted}", line), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
