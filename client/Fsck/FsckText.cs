using LedgerCluster.Core.Fsck;

namespace LedgerCluster.Client.Fsck;

/// <summary>The human form of a fsck report: one line per shard checked, then the verdict and, if any, the first problem.</summary>
public static class FsckText
{
    public static void Write(TextWriter output, FsckReport report)
    {
        output.WriteLine($"Checked {report.Source}");
        foreach (var shard in report.Shards)
        {
            var records = shard.RecordsChecked > 0 ? $", {Count(shard.RecordsChecked, "record")} re-hashed" : "";
            var verdict = report.Problem?.Shard == shard.Shard ? "INCONSISTENT" : "ok";
            output.WriteLine($"  shard {shard.Shard} ({shard.Origin}): {Count(shard.Leaves, "leaf", "leaves")}, {Count(shard.Checkpoints, "checkpoint")}{records}: {verdict}");
        }
        var elapsed = $"{report.Elapsed.TotalSeconds:0.00} s";
        if (report.Problem is not { } problem)
        {
            output.WriteLine($"fsck: clean: {Count(report.Shards.Count, "shard")}, {Count(report.Leaves, "leaf", "leaves")}, every root recomputed and every checkpoint verified ({elapsed})");
            return;
        }
        output.WriteLine($"fsck: INCONSISTENT at {problem.Place} ({problem.Check})");
        output.WriteLine($"  expected: {problem.Expected}");
        output.WriteLine($"  found:    {problem.Found}");
    }

    private static string Count(long n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
