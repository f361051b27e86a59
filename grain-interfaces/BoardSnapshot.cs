namespace LedgerCluster.GrainInterfaces;

/// <summary>
/// What a benchmark board needs to start beside its rows (which it reads from the log itself): the shards' witnessed sizes
/// and the reproduction evidence of its records, by log position; and per shard how many leaves the overall board has
/// already handed to the boards (<see cref="Announced"/>): a logged record beyond that is news the board must still tell.
/// </summary>
[GenerateSerializer, Immutable, Alias("ledger.BoardSnapshot")]
public sealed record BoardSnapshot(
    [property: Id(1)] Dictionary<int, long> Witnessed,
    [property: Id(2)] Dictionary<LogPosition, ReproductionEvidence> Evidence,
    [property: Id(3)] Dictionary<int, long> Announced);
