namespace LedgerCluster.Grains.Reproduction;

/// <summary>This silo's reproduction settings (its fixture files are the ReproducibleModels service's).</summary>
public sealed class ReproductionOptions
{
    /// <summary>How many records one silo re-runs at once, so reproduction never starves ingest.</summary>
    public int Concurrency { get; set; } = 1;
}
