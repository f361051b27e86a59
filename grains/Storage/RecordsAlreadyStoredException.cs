using Orleans.Storage;

namespace LedgerCluster.Grains.Storage;

/// <summary>
/// An append refused, with nothing of it committed, because some of its records are already stored: each id (hex) with
/// where it is. A store that finds duplicates this way as it appends (<see cref="ILogStore.FindsDuplicatesOnAppend"/>)
/// spares the shard a lookup per record before every append.
/// </summary>
public sealed class RecordsAlreadyStoredException(int shard, IReadOnlyDictionary<string, StoredPosition> stored)
    : InconsistentStateException($"shard {shard}: {stored.Count} record(s) of the append are already stored, e.g. {stored.First().Key} at shard {stored.First().Value.Shard}, index {stored.First().Value.Index}")
{
    public IReadOnlyDictionary<string, StoredPosition> Stored { get; } = stored;
}
