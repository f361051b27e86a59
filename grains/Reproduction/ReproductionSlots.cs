using Microsoft.Extensions.Options;

namespace LedgerCluster.Grains.Reproduction;

/// <summary>This silo's re-runs in progress, bounded by <see cref="ReproductionOptions.Concurrency"/> across all its shard queues, so reproduction never starves ingest.</summary>
public sealed class ReproductionSlots(IOptions<ReproductionOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Concurrency));

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        await _slots.WaitAsync();
        try { return await work(); }
        finally { _slots.Release(); }
    }

    public void Dispose() => _slots.Dispose();
}
