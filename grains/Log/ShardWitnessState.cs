namespace LedgerCluster.Grains.Log;

/// <summary>What a shard persists about witnessing: its latest checkpoint that met the witness policy, with the cosignatures.</summary>
[GenerateSerializer, Alias("ledger.ShardWitnessState")]
public sealed class ShardWitnessState
{
    [Id(0)] public string? CosignedCheckpoint { get; set; }
    [Id(1)] public long Size { get; set; }
}
