using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// A stored record against its leaf: it parses, its content hash is the leaf's record id, its body hashes to that
/// content hash, and its signature holds. The gateway checked all of this at intake; fsck checks it was kept.
/// </summary>
public static class RecordCheck
{
    public static FsckProblem? Check(int shard, LeafRow leaf)
    {
        if (leaf.Json is null) return null;
        RunRecord record;
        try
        {
            record = RunRecord.Parse(leaf.Json);
        }
        catch (Exception e) when (e is JsonParseException or RecordSchemaException or FormatException or ArgumentException)
        {
            return Problem(FsckChecks.RecordJson, "a run record", e.Message);
        }
        if (record.ContentHash != leaf.RecordId)
            return Problem(FsckChecks.RecordIdMismatch, $"content_hash {leaf.RecordId} (the leaf's record id)", $"content_hash {record.ContentHash}");
        var computed = record.RecomputeContentHash();
        if (computed != record.ContentHash)
            return Problem(FsckChecks.RecordIntegrity, $"a body hashing to {record.ContentHash}", $"a body hashing to {computed}");
        if (!record.SignatureHolds())
            return Problem(FsckChecks.RecordSignature, $"a signature by {record.Signature.PublicKey} over the content hash", "a signature that does not verify");
        return null;

        FsckProblem Problem(string check, string expected, string found) => new(shard, check, expected, found, Index: leaf.Index);
    }
}
