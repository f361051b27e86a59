using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Fsck;

/// <summary>
/// The first inconsistency found: where (shard, and a leaf index or a checkpoint size), which check, and what was
/// expected against what was found.
/// </summary>
public sealed record FsckProblem(int Shard, string Check, string Expected, string Found, long? Index = null, long? CheckpointSize = null)
{
    /// <summary>`shard 2 leaf 17` or `shard 2 checkpoint 40` or `shard 2`.</summary>
    public string Place =>
        Index is { } i ? $"shard {Shard} leaf {i}" : CheckpointSize is { } s ? $"shard {Shard} checkpoint {s}" : $"shard {Shard}";

    public override string ToString() => $"{Place}: {Check}: expected {Expected}, found {Found}";

    public JObject ToJson()
    {
        var json = new JObject { { "shard", Shard } };
        if (Index is { } i) json.Add("index", i);
        if (CheckpointSize is { } s) json.Add("checkpoint_size", s);
        return json.Add("check", Check).Add("expected", Expected).Add("found", Found);
    }
}
