namespace LedgerCluster.Grains.Storage;

/// <summary>One shard's append waiting for the store's next combined transaction; completes once that commit is durable.</summary>
internal sealed class PendingLogWrite(int shard, long expectedSize, IReadOnlyList<StoredEntry> entries, StoredCheckpoint checkpoint)
{
    public int Shard { get; } = shard;
    public long ExpectedSize { get; } = expectedSize;
    public IReadOnlyList<StoredEntry> Entries { get; } = entries;
    public StoredCheckpoint Checkpoint { get; } = checkpoint;
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when this append was refused inside the transaction (rolled back to its savepoint); the others still commit.</summary>
    public Exception? Refused { get; set; }
}
