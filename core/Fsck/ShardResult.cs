using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Fsck;

/// <summary>What fsck covered in one shard: leaves hashed, checkpoints verified, records re-hashed (JSON-carrying sources only).</summary>
public sealed record ShardResult(int Shard, string Origin, long Leaves, int Checkpoints, long RecordsChecked)
{
    public JObject ToJson() => new()
    {
        { "shard", Shard }, { "origin", Origin }, { "leaves", Leaves }, { "checkpoints", Checkpoints }, { "records_checked", RecordsChecked },
    };
}
