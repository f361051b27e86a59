using System.Globalization;

namespace LedgerCluster.Core.Log;

/// <summary>
/// A public log must keep signing: a shard is stale when entries wait to be signed and its latest checkpoint is older
/// than the allowed maximum. An idle shard signs nothing and is never stale, however old its checkpoint.
/// </summary>
public static class CheckpointFreshness
{
    /// <summary>The age of a shard's latest checkpoint in whole seconds (never negative, whatever the clocks say).</summary>
    public static long AgeSeconds(ShardSigning shard, DateTimeOffset now) => Math.Max(0, (long)Math.Floor((now - shard.SignedAt).TotalSeconds));

    /// <summary>One line per stale shard, naming it, its checkpoint's age and the maximum; empty when every shard is fresh.</summary>
    public static IReadOnlyList<string> StaleShards(IEnumerable<ShardSigning> shards, DateTimeOffset now, TimeSpan maxAge) =>
        shards.Where(s => s.WaitingEntries > 0 && now - s.SignedAt > maxAge)
            .Select(s => string.Create(CultureInfo.InvariantCulture,
                $"shard {s.Shard} has not signed a checkpoint for {AgeSeconds(s, now)} s (maximum {maxAge.TotalSeconds:0.###} s) while {s.WaitingEntries} {(s.WaitingEntries == 1 ? "entry waits" : "entries wait")} to be signed"))
            .ToList();
}
