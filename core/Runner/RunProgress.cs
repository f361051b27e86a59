namespace LedgerCluster.Core.Runner;

/// <summary>Reported after each finished task.</summary>
public sealed record RunProgress(int Done, int Total, int Passed);
