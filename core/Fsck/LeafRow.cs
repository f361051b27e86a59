namespace LedgerCluster.Core.Fsck;

/// <summary>
/// A stored leaf: its index, its record id as stored (lowercase hex of the leaf data, whatever its length) and the
/// record's JSON when the source has it (the store does; a gateway lists ids only).
/// </summary>
public sealed record LeafRow(long Index, string RecordId, byte[]? Json = null);
