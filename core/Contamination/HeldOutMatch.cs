namespace LedgerCluster.Core.Contamination;

/// <summary>A held-out item found in a text: the benchmark, the item id, its 1-based position in `tasks.jsonl`, and the share of its n-grams present.</summary>
public sealed record HeldOutMatch(string Benchmark, string ItemId, int ItemNumber, double Containment);
