namespace LedgerCluster.Core.Contamination;

/// <summary>Benchmark item <see cref="Item"/> has an n-gram with this hash, its <see cref="Gram"/>-th distinct one.</summary>
internal readonly record struct Posting(int Item, int Gram);
