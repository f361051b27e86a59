namespace LedgerCluster.Core.Export;

/// <summary>One distinct output in the DPO spill file: where its line is and the 128-bit hash of its text.</summary>
internal readonly record struct SpilledOutput(long Offset, int Length, UInt128 Hash);
