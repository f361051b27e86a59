using LedgerCluster.Core.Merkle;
using LedgerCluster.Core.Notes;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Verification;

/// <summary>
/// The checks a `.tlog-proof` file makes possible: the checkpoint is signed by the log, the record's leaf is
/// included under it (RFC 9162), and its cosignatures satisfy the witness policy.
/// </summary>
internal static class ProofChecks
{
    public static (CheckResult Inclusion, CheckResult Witnesses, bool QuorumMet) Run(RunRecord record, VerificationInputs inputs)
    {
        if (inputs.ProofUnavailable is not null)
            return (CheckResult.Failed(CheckNames.Inclusion, inputs.ProofUnavailable), CheckResult.Skipped(CheckNames.Witnesses, "no proof"), false);
        if (inputs.ProofText is null)
            return (CheckResult.Skipped(CheckNames.Inclusion, "no --proof given"), CheckResult.Skipped(CheckNames.Witnesses, "no --proof given"), false);

        WitnessPolicy? policy = null;
        if (inputs.PolicyText is not null && !WitnessPolicy.TryParse(inputs.PolicyText, out policy, out var policyError))
            return Fail($"witness policy: {policyError}");
        if (!TlogProof.TryParse(inputs.ProofText, out var proof, out var proofError))
            return Fail($"proof file: {proofError}");

        var origin = Checkpoint.TryParse(proof.Checkpoint.Text, out var parsed, out _) ? parsed.Origin : null;
        var inclusion = CheckInclusion(record, proof, LogKey(inputs, policy, origin, out var keyError), keyError);
        if (inclusion.Status != CheckStatus.Ok)
            return (inclusion, CheckResult.Skipped(CheckNames.Witnesses, "inclusion failed"), false);
        if (policy is null)
            return (inclusion, CheckResult.Skipped(CheckNames.Witnesses, "no --policy given"), true);

        var verdict = policy.VerifyCheckpoint(proof.Checkpoint);
        var cosigners = string.Join(", ", verdict.Cosignatures.Keys.Order(StringComparer.Ordinal));
        return verdict.IsValid
            ? (inclusion, CheckResult.Ok(CheckNames.Witnesses, $"{verdict.Cosignatures.Count} of {policy.Witnesses.Count} witnesses cosigned{(cosigners.Length > 0 ? $" ({cosigners})" : "")}; quorum {policy.Quorum ?? "none"} met"), true)
            : (inclusion, CheckResult.Failed(CheckNames.Witnesses, verdict.Error!), false);

        static (CheckResult, CheckResult, bool) Fail(string why) =>
            (CheckResult.Failed(CheckNames.Inclusion, why), CheckResult.Skipped(CheckNames.Witnesses, "inclusion failed"), false);
    }

    private static CheckResult CheckInclusion(RunRecord record, TlogProof proof, NoteVerifierKey? logKey, string? keyError)
    {
        if (logKey is null) return CheckResult.Failed(CheckNames.Inclusion, keyError!);
        if (!Checkpoint.TryParse(proof.Checkpoint.Text, out var checkpoint, out var checkpointError))
            return CheckResult.Failed(CheckNames.Inclusion, $"checkpoint: {checkpointError}");
        if (checkpoint.Origin != logKey.Name)
            return CheckResult.Failed(CheckNames.Inclusion, $"checkpoint origin '{checkpoint.Origin}' is not the log key's name '{logKey.Name}'");
        var signatures = proof.Checkpoint.Verify([logKey]);
        if (!signatures.IsValid)
            return CheckResult.Failed(CheckNames.Inclusion, $"checkpoint is not signed by the log key {logKey}: {signatures.Error ?? "no signature by it"}");

        var leafHash = MerkleHash.LeafHash(record.LeafData());
        return MerkleVerifier.VerifyInclusion(proof.Index, checkpoint.Size, leafHash, proof.Hashes, checkpoint.RootHash)
            ? CheckResult.Ok(CheckNames.Inclusion, $"leaf {proof.Index} of {checkpoint.Size} under {checkpoint.Origin}")
            : CheckResult.Failed(CheckNames.Inclusion, $"the inclusion proof for leaf {proof.Index} does not lead to the root of the {checkpoint.Size}-leaf checkpoint of {checkpoint.Origin}");
    }

    // The key named on the command line wins; otherwise the policy's log whose name is the checkpoint's origin.
    private static NoteVerifierKey? LogKey(VerificationInputs inputs, WitnessPolicy? policy, string? origin, out string? error)
    {
        error = null;
        if (inputs.LogVerifierKey is { } text)
        {
            if (NoteVerifierKey.TryParse(text, out var key, out var parseError)) return key;
            error = $"--vkey: {parseError}";
            return null;
        }
        if (policy?.Logs.Count > 0) return (policy.Logs.FirstOrDefault(l => l.Key.Name == origin) ?? policy.Logs[0]).Key;
        error = "no log key to check the checkpoint with: give --vkey or a policy with a log line";
        return null;
    }
}
