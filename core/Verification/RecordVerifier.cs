using LedgerCluster.Core.Json;
using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Verification;

/// <summary>
/// Verifies a record offline: integrity, signature, inclusion under a signed checkpoint, witness quorum,
/// and (when asked) reproduction. Everything a verifier needs is in its arguments.
/// </summary>
public static class RecordVerifier
{
    /// <summary>Verifies record JSON; throws <see cref="JsonParseException"/> only when the input is not JSON at all.</summary>
    public static VerificationReport Verify(ReadOnlySpan<byte> recordJson, VerificationInputs inputs) =>
        Verify(JsonParser.Parse(recordJson), inputs);

    public static VerificationReport Verify(JValue recordJson, VerificationInputs inputs)
    {
        RunRecord record;
        try
        {
            record = RunRecord.Read(recordJson);
        }
        catch (RecordSchemaException e)
        {
            // A record that breaks the schema cannot be hashed honestly: integrity fails, nothing else can run.
            var id = recordJson is JObject { } o && o["content_hash"] is JString s ? s.Value : null;
            return new VerificationReport(id,
            [
                CheckResult.Failed(CheckNames.Integrity, e.Message),
                CheckResult.Skipped(CheckNames.Signature, "the record is not well-formed"),
                CheckResult.Skipped(CheckNames.Inclusion, "the record is not well-formed"),
                CheckResult.Skipped(CheckNames.Witnesses, "the record is not well-formed"),
                CheckResult.Skipped(CheckNames.Reproduction, "the record is not well-formed"),
            ], TrustTier.SelfReported);
        }
        return Verify(record, inputs);
    }

    public static VerificationReport Verify(RunRecord record, VerificationInputs inputs)
    {
        var contradiction = record.Body.Contradiction();
        var integrity = CheckIntegrity(record, contradiction);
        var signature = CheckSignature(record);
        var (inclusion, witnesses, quorum) = ProofChecks.Run(record, inputs);
        var reproduction = inputs.Reproduce is null
            ? CheckResult.Skipped(CheckNames.Reproduction, "no --benchmark/--model given")
            : integrity.Status == CheckStatus.Ok ? inputs.Reproduce(record) : CheckResult.Skipped(CheckNames.Reproduction, "integrity failed");

        var evidence = new TrustEvidence(
            record.IntegrityHolds(),
            signature.Status == CheckStatus.Ok,
            InQuorumCheckpoint: inclusion.Status == CheckStatus.Ok && quorum,
            ReproducedByCluster: reproduction.Status == CheckStatus.Ok,
            ReproductionFailed: reproduction.Status == CheckStatus.Failed,
            SelfConsistent: contradiction is null);
        return new VerificationReport(record.Id, [integrity, signature, inclusion, witnesses, reproduction], TrustTiers.Of(evidence), contradiction);
    }

    // A body whose aggregate its own results contradict is hashed and signed as given, but it is not whole: the check fails naming the claim.
    private static CheckResult CheckIntegrity(RunRecord record, string? contradiction)
    {
        var computed = record.RecomputeContentHash();
        if (computed != record.ContentHash)
            return CheckResult.Failed(CheckNames.Integrity, $"content_hash {record.ContentHash} does not match the body, whose canonical hash is {computed}");
        return contradiction is null
            ? CheckResult.Ok(CheckNames.Integrity, $"content hash {record.ContentHash}")
            : CheckResult.Failed(CheckNames.Integrity, $"the record contradicts itself: {contradiction}");
    }

    private static CheckResult CheckSignature(RunRecord record) =>
        record.SignatureHolds()
            ? CheckResult.Ok(CheckNames.Signature, $"ed25519 by {record.Signature.PublicKey}")
            : CheckResult.Failed(CheckNames.Signature, $"the ed25519 signature does not verify for public key {record.Signature.PublicKey} over the content hash");
}
