using System.Diagnostics;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// `ledger fsck`: recomputes every shard's tree from its leaves and holds every signed checkpoint against it
/// (DESIGN.md, "Reliability"). Stops at the first inconsistency and names it.
/// </summary>
public static class LedgerChecker
{
    public static async Task<FsckReport> CheckAsync(ILedgerSource source, IProgress<FsckProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var heads = await source.GetShardsAsync(cancel);
        // Plan first (checkpoints are small), so progress knows the total before the leaves are read.
        var checkers = new List<ShardChecker>(heads.Count);
        var seen = new Dictionary<string, (int, long)>(StringComparer.Ordinal);
        long done = 0, total = 0;
        foreach (var head in heads)
        {
            var checker = new ShardChecker(source, head, heads.Count, await source.GetCheckpointsAsync(head.Shard, cancel), seen, Advance);
            total += checker.Covered;
            checkers.Add(checker);
        }
        progress?.Report(new FsckProgress(0, total));

        var results = new List<ShardResult>(heads.Count);
        foreach (var checker in checkers)
        {
            var (result, problem) = await checker.RunAsync(cancel);
            results.Add(result);
            if (problem is not null) return new FsckReport(source.Description, results, problem, clock.Elapsed);
        }
        return new FsckReport(source.Description, results, null, clock.Elapsed);

        void Advance(long leaves)
        {
            done += leaves;
            progress?.Report(new FsckProgress(done, total));
        }
    }
}
