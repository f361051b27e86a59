namespace LedgerCluster.Core.Import;

/// <summary>Everything one import produced: a record per imported task, plus what was in the source but not imported, and why.</summary>
public sealed record HarnessImport(string Harness, IReadOnlyList<ImportedRun> Runs, IReadOnlyList<string> NotImported);
