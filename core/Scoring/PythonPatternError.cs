namespace LedgerCluster.Core.Scoring;

/// <summary>Raised inside the translator where Python's <c>re</c> rejects the pattern (verievals then fails the task).</summary>
internal sealed class PythonPatternError(string reason) : Exception(reason);
