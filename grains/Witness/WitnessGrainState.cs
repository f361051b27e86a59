namespace LedgerCluster.Grains.Witness;

/// <summary>What a hosted witness persists: per origin, the size and root of the latest checkpoint it cosigned.</summary>
[GenerateSerializer, Alias("ledger.WitnessGrainState")]
public sealed class WitnessGrainState
{
    [Id(0)] public Dictionary<string, long> Sizes { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, byte[]> Roots { get; set; } = new(StringComparer.Ordinal);
}
