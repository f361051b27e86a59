namespace LedgerCluster.Core.Traces;

/// <summary>A trace line that cannot be imported; the message names the file, the line and the field.</summary>
public sealed class TraceFormatException(string message) : Exception(message);
