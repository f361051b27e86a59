namespace LedgerCluster.GrainInterfaces;

/// <summary>Hears every change of a board (each gateway's live feed subscribes one).</summary>
[Alias("ledger.ILeaderboardObserver")]
public interface ILeaderboardObserver : IGrainObserver
{
    [Alias("OnChanged")]
    void OnChanged(BoardChange change);
}
