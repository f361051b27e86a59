namespace LedgerCluster.Api;

/// <summary>An inclusion or consistency proof: `{hashes: [base64...]}` (FORMATS.md section 6).</summary>
public sealed record ProofHashes(string[] Hashes);
