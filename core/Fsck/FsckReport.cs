using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Fsck;

/// <summary>The outcome of one fsck: the shards checked up to the first problem, and that problem (null when clean).</summary>
public sealed record FsckReport(string Source, IReadOnlyList<ShardResult> Shards, FsckProblem? Problem, TimeSpan Elapsed)
{
    public bool Clean => Problem is null;

    public long Leaves => Shards.Sum(s => s.Leaves);

    public JObject ToJson() => new()
    {
        { "ok", Clean },
        { "source", Source },
        { "leaves", Leaves },
        { "checkpoints", (long)Shards.Sum(s => s.Checkpoints) },
        { "records_checked", Shards.Sum(s => s.RecordsChecked) },
        { "elapsed_ms", (long)Elapsed.TotalMilliseconds },
        { "shards", new JArray(Shards.Select(s => (JValue)s.ToJson()).ToList()) },
        { "problem", Problem is null ? JNull.Instance : Problem.ToJson() },
    };
}
