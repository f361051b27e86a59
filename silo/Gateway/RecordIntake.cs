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
    /// <summary>Checks a record held in a borrowed buffer; an accepted record gets its own copy of the bytes.</summary>
    public static IntakeResult Check(ReadOnlySpan<byte> json) => Check(json, null);

    /// <summary>Checks a record whose array the log may keep as it is (no second copy).</summary>
    public static IntakeResult Check(byte[] json) => Check(json, json);

    private static IntakeResult Check(ReadOnlySpan<byte> json, byte[]? owned)
    {
        // The log keeps and serves the bytes as sent; a byte order mark is not JSON (RFC 8259 section 8.1), and the
        // readers of the stored record would choke on it, so it is refused rather than logged.
        if (json.StartsWith("\uFEFF"u8))
            return IntakeResult.Rejected(StatusCodes.Status400BadRequest, "malformed_json",
                "the record starts with a UTF-8 byte order mark (EF BB BF); send the JSON without it");
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
        return IntakeResult.Accepted(new LogAppend(record.Id, owned ?? json.ToArray(), RecordSummaries.From(record)), record.Signature.PublicKey);
    }
}
