namespace LedgerCluster.Client.Bench;

/// <summary>Ed25519 verifications per second on this machine, on one core and on all of them.</summary>
public sealed record VerifyRate(double SingleCore, double AllCores, int Threads);
