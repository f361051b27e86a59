namespace LedgerCluster.Api;

/// <summary>`POST /v1/benchmarks`: the version registered (or already held with the same content) and its content hash.</summary>
public sealed record BenchmarkRegistration(string Id, string Version, string Scorer, int Tasks, string ContentHash);
