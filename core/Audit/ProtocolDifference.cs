using LedgerCluster.Core.Json;

namespace LedgerCluster.Core.Audit;

/// <summary>A setting that differs between the two sides; JSON null where a side does not record it.</summary>
public sealed record ProtocolDifference(string Field, JValue A, JValue B);
