namespace LedgerCluster.Core.Trust;

/// <summary>What is known about one record; the tier is a pure function of it.</summary>
/// <param name="IntegrityHolds">The content hash matches the body.</param>
/// <param name="SignatureHolds">The Ed25519 signature verifies over the content hash.</param>
/// <param name="InQuorumCheckpoint">Included (proof verified) under a checkpoint that satisfies the witness policy.</param>
/// <param name="ReproducedByCluster">A re-run of a deterministic model gave the exact body hash.</param>
/// <param name="ReproducedAttestationQuorum">A policy quorum of distinct witnesses attested `reproduced`.</param>
/// <param name="ReproductionFailed">A re-run gave a different body: shown, and it blocks `reproduced`.</param>
/// <param name="SelfConsistent">The aggregate follows from the results; a signed headline its own results contradict is only a claim.</param>
public sealed record TrustEvidence(
    bool IntegrityHolds,
    bool SignatureHolds,
    bool InQuorumCheckpoint = false,
    bool ReproducedByCluster = false,
    bool ReproducedAttestationQuorum = false,
    bool ReproductionFailed = false,
    bool SelfConsistent = true);
