namespace LedgerCluster.Grains.Reproduction;

/// <summary>This silo's reproduction settings (per silo: each holds its own fixture files).</summary>
public sealed class ReproductionOptions
{
    /// <summary>Folder of fixture files the silo can replay (`ledger serve --fixtures DIR`); null: only `echo` records are re-run.</summary>
    public string? FixturesDirectory { get; set; }

    /// <summary>How many records one silo re-runs at once, so reproduction never starves ingest.</summary>
    public int Concurrency { get; set; } = 1;
}
