namespace LedgerCluster.Core.Contamination;

/// <summary>One training document: a JSONL line's strings, or a plain-text paragraph's lines, each with its 1-based line
/// number. <see cref="NotJson"/>: a JSON Lines line that did not parse and is read as text.</summary>
internal sealed record TrainingDocument(IReadOnlyList<TrainingPiece> Pieces, bool NotJson = false);
