namespace LedgerCluster.Client.Bench;

/// <summary>One line of the DESIGN.md targets table, checked against this run's figure.</summary>
public sealed record BenchTarget(string Name, string Goal, double Value, string Unit, bool Met);
