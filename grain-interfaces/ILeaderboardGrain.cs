using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>A ranked board (key: benchmark id, or "all"), fed by events as records enter the log.</summary>
[Alias("ledger.ILeaderboardGrain")]
public interface ILeaderboardGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(RecordSummary[] records);

    /// <summary>Ranked rows; <paramref name="benchmark"/> filters by benchmark id when given.</summary>
    [ReadOnly, Alias("GetEntries")]
    Task<LeaderboardEntry[]> GetEntries(string? benchmark);
}
