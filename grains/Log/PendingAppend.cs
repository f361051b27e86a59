using LedgerCluster.GrainInterfaces;

namespace LedgerCluster.Grains.Log;

/// <summary>An append waiting for the next batch commit; every caller that sent this body awaits the same result.</summary>
internal sealed class PendingAppend(LogAppend entry)
{
    public LogAppend Entry { get; } = entry;
    public byte[] RecordId { get; } = Convert.FromHexString(entry.RecordId);
    public TaskCompletionSource<LogPosition> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when the store refused it as already stored (the position it is answered with is the stored one).</summary>
    public bool FoundStored { get; set; }
}
