using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.GrainInterfaces;
using LedgerCluster.Grains.Records;

namespace LedgerCluster.Silo.Gateway;

/// <summary>
/// Every submitted record passes here before it reaches a shard: strict parse (400), integrity and
/// signature (422). Verification happens at the edge so a shard's single activation only hashes and batches.
/// </summary>
public static class RecordIntake
{
    public static IntakeResult Check(ReadOnlySpan<byte> json)
    {
        RunRecord record;
        try
        {
            record = RunRecord.Parse(json);
        }
        catch (JsonParseException e)
        {
            return IntakeResult.Rejected(StatusCodes.Status400BadRequest, "malformed_json", e.Message);
        }
        catch (RecordSchemaException e)
        {
            return IntakeResult.Rejected(StatusCodes.Status400BadRequest, "schema_violation", e.Message);
        }
        var computed = record.RecomputeContentHash();
        if (computed != record.ContentHash)
            return IntakeResult.Rejected(StatusCodes.Status422UnprocessableEntity, "integrity_failed",
                $"content_hash {record.ContentHash} does not match the body (canonical hash {computed})");
        if (!record.SignatureHolds())
            return IntakeResult.Rejected(StatusCodes.Status422UnprocessableEntity, "signature_invalid",
                $"signature.signature does not verify for public key {record.Signature.PublicKey} over the content hash");
        return IntakeResult.Accepted(new LogAppend(record.Id, json.ToArray(), RecordSummaries.From(record)), record.Signature.PublicKey);
    }
}
