namespace LedgerCluster.Cluster.Tests.Storage;

/// <summary>
/// One request an Azure client sent, with its answer's status, (for tables) how many entities it carried, and what it was for
/// (the <see cref="Grains.Storage.ILogStore"/> method, when the store is wrapped in a <see cref="CallerNamingLogStore"/>).
/// </summary>
public sealed record AzureRequest(string Method, Uri Uri, int Status, bool IsTable, int Entities, string? Caller);
