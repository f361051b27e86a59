namespace LedgerCluster.Api;

/// <summary>
/// An attestation as served: `signed` (a second valid signature over the same body, the signature as evidence) or
/// `verified` / `reproduced` (a signed attestation note, FORMATS.md section 4, as evidence).
/// </summary>
public sealed record AttestationView(string PublicKey, string Statement, string Evidence, string ReceivedAt);
