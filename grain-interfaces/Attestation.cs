namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// Another party's statement about a record: `signed` (a second valid signature over the same body),
/// or `verified` / `reproduced` (a signed attestation note, FORMATS.md section 4).
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.Attestation")]
public sealed record Attestation(
    [property: Id(0)] string PublicKey,
    [property: Id(1)] string Statement,
    [property: Id(2)] string Evidence,
    [property: Id(3)] string ReceivedAt);
