namespace LedgerCluster.Core.Fsck;

/// <summary>The stable names of fsck's checks, as `--json` reports them in `problem.check`.</summary>
public static class FsckChecks
{
    public const string ShardKey = "shard_key";
    public const string LeafMissing = "leaf_missing";
    public const string UnsignedLeaf = "unsigned_leaf";
    public const string RecordIdFormat = "record_id_format";
    public const string RecordRouting = "record_routing";
    public const string RecordDuplicate = "record_duplicate";
    public const string RecordJson = "record_json";
    public const string RecordIdMismatch = "record_id_mismatch";
    public const string RecordIntegrity = "record_integrity";
    public const string RecordSignature = "record_signature";
    public const string CheckpointNote = "checkpoint_note";
    public const string CheckpointOrigin = "checkpoint_origin";
    public const string CheckpointSignature = "checkpoint_signature";
    public const string CheckpointRow = "checkpoint_row";
    public const string CheckpointRoot = "checkpoint_root";
    public const string CheckpointConsistency = "checkpoint_consistency";
    /// <summary>A tile hash the store keeps for proofs is not the root of the leaves under it (or is missing).</summary>
    public const string TreeHash = "tree_hash";
}
