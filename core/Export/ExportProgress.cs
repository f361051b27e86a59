namespace LedgerCluster.Core.Export;

/// <summary>How far an export is: records read, task results looked at, examples written.</summary>
public readonly record struct ExportProgress(long Records, long Results, long Examples);
