namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// What a benchmark board starts from: the shards' witnessed sizes, the reproduction evidence of its records by log
/// position, and per shard how many leaves the overall board has already handed to the boards (<see cref="Announced"/>):
/// a logged record beyond that is news the board must still tell. When the overall board has just read the log itself it
/// hands over this board's rows (<see cref="Rows"/>: core's CompactRow, 24 bytes each, of every leaf below
/// <see cref="RowsCover"/> per shard); the board reads only the rest of the log. Otherwise the board reads it all.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardSnapshot")]
public sealed record BoardSnapshot(
    [property: Id(1)] Dictionary<int, long> Witnessed,
    [property: Id(2)] Dictionary<LogPosition, ReproductionEvidence> Evidence,
    [property: Id(3)] Dictionary<int, long> Announced,
    [property: Id(4)] byte[]? Rows = null,
    [property: Id(5)] Dictionary<int, long>? RowsCover = null);
