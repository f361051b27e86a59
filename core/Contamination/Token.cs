namespace LedgerCluster.Core.Contamination;

/// <summary>A word in normalized text: its span [Start, End) and the 64-bit hash of its characters.</summary>
internal readonly record struct Token(int Start, int End, ulong Hash);
