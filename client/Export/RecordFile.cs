using LedgerCluster.Core.Trust;

namespace LedgerCluster.Client.Export;

/// <summary>A record file after verification: its tier and log position (null outside the log); the record is read again when exported.</summary>
internal sealed record RecordFile(string Path, string RecordId, TrustTier Tier, int? Shard, long? Index);
