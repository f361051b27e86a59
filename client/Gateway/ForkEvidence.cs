namespace LedgerCluster.Client.Gateway;

/// <summary>Two checkpoints of one log, both signed by its key, that cannot both be honest: the proof of a split view.</summary>
public sealed record ForkEvidence(string Origin, string Reason, string EarlierCheckpoint, string LaterCheckpoint);
