using LedgerCluster.Core.Notes;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// A shard as its source describes it: the origin its checkpoints must name, the key they must verify under (null
/// when the source has none), and, for a live log, the checkpoint it serves now (null: the latest stored one).
/// </summary>
public sealed record ShardHead(int Shard, string Origin, NoteVerifierKey? Key, string? ServedCheckpoint = null);
