namespace LedgerCluster.Client.Bench;

/// <summary>One store's bench report within a `--stores` run.</summary>
public sealed record StoreReport(string Store, BenchReport Report);
