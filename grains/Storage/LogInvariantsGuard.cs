using LedgerCluster.Core.Log;
using LedgerCluster.Grains.Log;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// Keeps the log's invariants with its data on first start and holds every later start to them. A store written before
/// invariants were kept adopts them from what it holds: one shard key per shard, under the configured origin prefix.
/// </summary>
public static class LogInvariantsGuard
{
    /// <summary>The invariants the store holds (kept now if it held none and they match); throws <see cref="StoreMismatchException"/> on a mismatch.</summary>
    /// <param name="where">Names the store in messages, e.g. `data/`.</param>
    /// <param name="adopted">Told, in one line, when invariants were adopted from an older store's contents.</param>
    public static async Task<LogInvariants> EnsureAsync(ILogStore store, LogInvariants configured, string where, Action<string>? adopted = null,
        CancellationToken cancel = default)
    {
        var kept = await ReadAsync(store, configured.OriginPrefix, cancel);
        if (kept.Invariants is { } held && held.Mismatch(configured, where) is { } mismatch)
            throw new StoreMismatchException(kept.Adopted ? $"{mismatch} (adopted from the {held.ShardCount} shard keys the store holds; it predates kept invariants)" : mismatch);
        if (kept.Adopted) adopted?.Invoke($"{where} kept no log invariants (written by an earlier version): adopted {kept.Invariants!.Describe()} from the shard keys it holds");
        if (kept.Invariants is null || kept.Adopted)
        {
            // Another silo may keep them first; whatever is kept must still match.
            var stored = await store.KeepInvariantsAsync(configured, cancel);
            if (stored.Mismatch(configured, where) is { } raced) throw new StoreMismatchException(raced);
        }
        return configured;
    }

    /// <summary>
    /// What the store says about itself without writing anything (for `ledger fsck`): its kept invariants, or those adopted
    /// from its shard keys (Adopted), or null for an empty store.
    /// </summary>
    public static async Task<(LogInvariants? Invariants, bool Adopted)> ReadAsync(ILogStore store, string originPrefix, CancellationToken cancel = default)
    {
        if (await store.GetInvariantsAsync(cancel) is { } kept) return (kept, false);
        var keys = 0;
        while (await store.TryGetSecretAsync(ShardSigner.SecretName(ShardOrigin.For(originPrefix, keys)), cancel) is not null) keys++;
        return keys == 0 ? (null, false) : (LogInvariants.Current(keys, originPrefix), true);
    }
}
