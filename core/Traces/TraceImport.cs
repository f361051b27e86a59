using LedgerCluster.Core.Benchmarks;
using LedgerCluster.Core.Records;

namespace LedgerCluster.Core.Traces;

/// <summary>The result of an import: the synthetic benchmark of the trace prompts and one signed record per distinct attempt.</summary>
public sealed record TraceImport(Benchmark Benchmark, IReadOnlyList<RunRecord> Records, int Attempts);
