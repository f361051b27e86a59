using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LedgerCluster.Silo;

/// <summary>
/// Once the silo is up, nudges every shard's reproduction queue: after a restart, records logged but not yet re-run are
/// taken up from the persisted cursor without waiting for new traffic. Idempotent, so every silo may do it.
/// </summary>
public sealed class ReproductionStartup(IGrainFactory grains, IOptions<LedgerOptions> ledger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < ledger.Value.ShardCount; shard++) grains.GetGrain<IReproductionQueueGrain>(shard).Poke().Ignore();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
