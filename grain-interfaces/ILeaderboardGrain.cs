using Orleans.Concurrency;

namespace LedgerCluster.GrainInterfaces;

/// <summary>A ranked board (key: benchmark id, or "all"), fed by events as records enter the log.</summary>
[Alias("ledger.ILeaderboardGrain")]
public interface ILeaderboardGrain : IGrainWithStringKey
{
    /// <summary>Records just logged (each with its <see cref="RecordSummary.Position"/>).</summary>
    [Alias("Add")]
    Task Add(RecordSummary[] records);

    /// <summary>A shard's witnessed size grew: its records below <paramref name="witnessedSize"/> are now `verified`.</summary>
    [Alias("ShardWitnessed")]
    Task ShardWitnessed(int shard, long witnessedSize);

    /// <summary>Ranked rows; <paramref name="benchmark"/> filters by benchmark id when given.</summary>
    [ReadOnly, Alias("GetEntries")]
    Task<LeaderboardEntry[]> GetEntries(string? benchmark);
}
