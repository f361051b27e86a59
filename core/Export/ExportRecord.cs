using LedgerCluster.Core.Records;
using LedgerCluster.Core.Trust;

namespace LedgerCluster.Core.Export;

/// <summary>
/// One record offered to the export, with the tier its evidence supports and its log position (null when it is
/// not in a log, e.g. a signed record without a proof). Sources yield these in log order: shard, then index.
/// </summary>
public sealed record ExportRecord(RunRecord Record, TrustTier Tier, int? Shard, long? Index);
