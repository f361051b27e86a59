namespace LedgerCluster.Core.Contamination;

/// <summary>A piece of training text and the 1-based line it came from.</summary>
internal readonly record struct TrainingPiece(long Line, string Text);
