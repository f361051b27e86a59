namespace LedgerCluster.Core.Export.HuggingFace;

/// <summary>An export that cannot be written as asked (e.g. records of several models without a choice).</summary>
public sealed class HfExportException(string message) : Exception(message);
