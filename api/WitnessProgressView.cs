namespace LedgerCluster.Api;

/// <summary>One witness of a shard: where it is reached, the last size it cosigned, and whether its last answer was a cosignature.</summary>
public sealed record WitnessProgressView(string Name, string Endpoint, long CosignedSize, bool Healthy, string Status);
