namespace LedgerCluster.Core.Export;

/// <summary>The distinct passed and failed outputs of one benchmark task, in order of first appearance.</summary>
internal sealed class TaskOutputs
{
    public List<SpilledOutput> Passed { get; } = [];
    public List<SpilledOutput> Failed { get; } = [];
    public HashSet<UInt128> PassedHashes { get; } = [];
    public HashSet<UInt128> FailedHashes { get; } = [];
}
