namespace LedgerCluster.Grains.Storage;

/// <summary>The store holds a log other than the one this node is configured to serve; the message is one line naming both.</summary>
public sealed class StoreMismatchException(string message) : Exception(message);
