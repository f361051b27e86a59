namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// A shard found its stored leaves and its latest signed checkpoint disagree (what `ledger fsck` finds) and refuses
/// every call until an operator repairs the store; the message names the problem.
/// </summary>
[GenerateSerializer, Alias("ledger.ShardInconsistentException")]
public sealed class ShardInconsistentException : Exception
{
    public ShardInconsistentException() { }

    public ShardInconsistentException(string message) : base(message) { }
}
