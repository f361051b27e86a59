namespace LedgerCluster.Core.Audit;

/// <summary>An audit input that cannot be read (unknown shape, duplicate ids, an item without an id); the message says where.</summary>
public sealed class AuditInputException(string message, Exception? inner = null) : Exception(message, inner);
