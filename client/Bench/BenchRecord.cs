namespace LedgerCluster.Client.Bench;

/// <summary>
/// One pre-generated signed record: its id, its bytes as sent (compact JSON, one line), and the Ed25519
/// triple the gateway verifies, kept so the verify-rate probe measures exactly that work.
/// </summary>
public sealed record BenchRecord(string Id, byte[] Json, byte[] PublicKey, byte[] Message, byte[] Signature);
