namespace LedgerCluster.Core.Contamination;

/// <summary>What was read from the training text.</summary>
public sealed record TrainingStats(string Name, TrainingFormat Format, long Documents, long Words, long NotJsonLines);
